package io.homeward.web.internal;

import io.homeward.casemodel.exchange.ExchangeService;
import io.homeward.casemodel.exchange.OutboxEntry;
import io.homeward.casemodel.exchange.PackageRefusedException;
import io.homeward.casemodel.exchange.Receipt;
import io.homeward.provisioning.FeatureService;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/exchange}: staff send a case to a partner deployment and follow the outbox and inbox; partner
 * deployments deliver packages to {@code POST /api/v1/exchange/packages}, the one route that takes no user
 * credentials ({@link AuthenticationFilter}): the package's signature, checked against the key configured for its
 * sender, is the credential. A refused package answers 4xx with the reason, marked as Homeward's refusal by the
 * header {@link ExchangeService#REFUSAL_HEADER}, and leaves nothing behind.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/api/v1/exchange/*"})
public final class ExchangeServlet extends ApiServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ExchangeServlet.class);

    /** The header carrying the Base64 Ed25519 signature of the body (as the sender's outbox sends it). */
    static final String SIGNATURE_HEADER = "X-Homeward-Signature";

    private final transient ExchangeService exchange;
    private transient volatile FeatureService features;

    @Activate
    public ExchangeServlet(@Reference ExchangeService exchange) {
        this.exchange = exchange;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setFeatures(FeatureService service) {
        features = service;
    }

    void unsetFeatures(FeatureService service) {
        if (features == service) {
            features = null;
        }
    }

    /** A request to send a case; {@code center} and {@code message} may be null. */
    record SendRequest(UUID caseId, String partner, String center, String message) {
    }

    @Override
    void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        switch (route(req).route()) {
            case SEND_TO_PARTNER -> {
                SendRequest send = Json.read(req, SendRequest.class);
                if (send.caseId() == null || send.partner() == null) {
                    throw new ApiException(400, "fields 'caseId' and 'partner' are required");
                }
                OutboxEntry entry = exchange.send(send.caseId(), send.partner(), send.center(), send.message(),
                        CasesServlet.actor());
                // queued, not yet delivered: the outbox entry tells how it goes
                json(resp, 202, entry);
            }
            case LIST_OUTBOX -> {
                String caseId = req.getParameter("caseId");
                json(resp, 200, Map.of("items", exchange.outbox(caseId == null ? null
                        : CasesServlet.uuid(caseId, "case"))));
            }
            case LIST_INBOX -> json(resp, 200, Map.of("items", exchange.inbox()));
            case RECEIVE_PACKAGE -> receive(req, resp);
            default -> throw new ApiException(404, "no such resource: " + req.getRequestURI());
        }
    }

    private void receive(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        FeatureService featureService = features;
        if (featureService == null || !featureService.isBootComplete()) {
            // until every center plugin and partner configuration is in, a package could be refused for good
            // (unknown center, unknown partner) that is fine a few seconds later: the sender retries a 503
            throw new ApiException(503, "the platform is starting; send the package again shortly")
                    .withHeader("Retry-After", "10");
        }
        Receipt receipt;
        try {
            byte[] signature = signature(req);
            receipt = exchange.receive(Json.body(req), signature);
        } catch (PackageRefusedException e) {
            throw new ApiException(switch (e.reason()) {
                case MALFORMED -> 400;
                case UNKNOWN_PARTNER, BAD_SIGNATURE, WRONG_RECIPIENT -> 403;
                case REJECTED -> 422;
            }, e.getMessage()).withHeader(ExchangeService.REFUSAL_HEADER, e.reason().name());
        } catch (ApiException e) {
            // no signature, not JSON, too large: the same package will never do, so the sender stops retrying it;
            // the store logs the refusals of packages it reads, this one was not read
            LOG.warn("Refused exchange package: MALFORMED sender=? package=? (HTTP {} before reading it)", e.status());
            throw e.withHeader(ExchangeService.REFUSAL_HEADER, PackageRefusedException.Reason.MALFORMED.name());
        }
        json(resp, receipt.duplicate() ? 200 : 201, receipt);
    }

    private static byte[] signature(HttpServletRequest req) {
        String signatureHeader = req.getHeader(SIGNATURE_HEADER);
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new ApiException(400, "the package's signature is missing: send it, Base64, in the header "
                    + SIGNATURE_HEADER);
        }
        try {
            return Base64.getDecoder().decode(signatureHeader.strip());
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "the header " + SIGNATURE_HEADER + " is not Base64");
        }
    }
}
