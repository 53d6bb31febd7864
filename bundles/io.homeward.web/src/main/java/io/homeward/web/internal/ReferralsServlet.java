package io.homeward.web.internal;

import io.homeward.casemodel.CaseNotFoundException;
import io.homeward.casemodel.center.CenterRegistry;
import io.homeward.casemodel.referral.Referral;
import io.homeward.casemodel.referral.ReferralPack;
import io.homeward.casemodel.referral.ReferralService;
import io.homeward.casemodel.referral.ReferralStatus;
import io.homeward.casemodel.transfer.CaseTransfer;
import io.homeward.casemodel.transfer.TransferKind;
import io.homeward.casemodel.transfer.TransferService;
import io.homeward.casemodel.transfer.TransferStatus;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Police referral packs ({@code /api/v1/referral-packs/{caseId}}, {@code /api/v1/referrals}) and transfers and
 * shares between centers ({@code /api/v1/transfers}), route by route as {@link ApiRoute} lists them. The store
 * decides what the authenticated user may see and do; this servlet only translates. The identifiers a pack lacks
 * come back in the user's language (one of the case's center's languages, by Accept-Language) with their codes.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/api/v1/referral-packs/*", "/api/v1/referrals", "/api/v1/referrals/*",
    "/api/v1/transfers", "/api/v1/transfers/*"})
public final class ReferralsServlet extends ApiServlet {
    private static final long serialVersionUID = 1L;

    private final transient ReferralService referrals;
    private final transient TransferService transfers;
    private final transient CenterRegistry centers;

    @Activate
    public ReferralsServlet(@Reference ReferralService referrals, @Reference TransferService transfers,
            @Reference CenterRegistry centers) {
        this.referrals = referrals;
        this.transfers = transfers;
        this.centers = centers;
    }

    @Override
    void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ApiRoute.Match match = route(req);
        switch (match.route()) {
            case REFERRAL_PACK -> json(resp, 200, localized(req, referrals.prepare(
                    CasesServlet.uuid(match.variable("caseId"), "case"))));
            case LIST_REFERRALS -> json(resp, 200, Map.of("items", referrals.referrals(caseParameter(req)).stream()
                    .map(r -> localized(req, r)).toList()));
            case SEND_REFERRAL -> {
                NewReferral body = Json.read(req, NewReferral.class);
                if (body.caseId() == null) {
                    throw new ApiException(400, "field 'caseId' is required: the case to refer");
                }
                Referral sent = referrals.send(body.caseId(), body.agency(), body.note());
                resp.setHeader("Location", "/api/v1/referrals/" + sent.id());
                json(resp, 201, localized(req, sent));
            }
            case READ_REFERRAL -> json(resp, 200, localized(req, referral(match)));
            case REFERRAL_PDF -> {
                UUID id = CasesServlet.uuid(match.variable("referralId"), "referral");
                byte[] pdf = referrals.pdf(id);
                resp.setStatus(200);
                resp.setContentType("application/pdf");
                resp.setContentLength(pdf.length);
                resp.setHeader("Content-Disposition", "attachment; filename=\"referral-" + id + ".pdf\"");
                resp.setHeader("X-Content-Type-Options", "nosniff");
                resp.setHeader("Cache-Control", "private, no-store");
                resp.getOutputStream().write(pdf);
            }
            case ADVANCE_REFERRAL -> {
                UUID id = CasesServlet.uuid(match.variable("referralId"), "referral");
                ReferralStep step = Json.read(req, ReferralStep.class);
                json(resp, 200, localized(req, referrals.advance(id, step.status(), step.note())));
            }
            case LIST_TRANSFERS -> json(resp, 200, Map.of("items", transfers(req)));
            case REQUEST_TRANSFER -> {
                NewTransfer body = Json.read(req, NewTransfer.class);
                if (body.caseId() == null) {
                    throw new ApiException(400, "field 'caseId' is required: the case to transfer or share");
                }
                CaseTransfer requested = transfers.request(body.caseId(), body.kind(), body.toCenterId(),
                        body.reason());
                resp.setHeader("Location", "/api/v1/transfers/" + requested.id());
                json(resp, 201, requested);
            }
            case READ_TRANSFER -> {
                UUID id = CasesServlet.uuid(match.variable("transferId"), "transfer request");
                json(resp, 200, transfers.find(id).orElseThrow(() -> new CaseNotFoundException("transfer request",
                        id)));
            }
            case DECIDE_TRANSFER -> {
                UUID id = CasesServlet.uuid(match.variable("transferId"), "transfer request");
                Decision decision = Json.read(req, Decision.class);
                if (decision.decision() == null) {
                    throw new ApiException(400, "field 'decision' is required: ACCEPT or REJECT");
                }
                json(resp, 200, decision.decision() == Decision.Outcome.ACCEPT
                        ? transfers.accept(id, decision.category(), decision.reason())
                        : transfers.reject(id, decision.reason()));
            }
            default -> throw new ApiException(404, "no such resource: " + req.getRequestURI());
        }
    }

    /**
     * @param caseId the case to refer, required
     * @param agency the police agency it goes to, required
     * @param note free text for the timeline, optional
     */
    record NewReferral(UUID caseId, String agency, String note) {
    }

    /**
     * @param status the status the referral reached, required: the one after its current
     * @param note free text for the timeline, optional
     */
    record ReferralStep(ReferralStatus status, String note) {
    }

    /**
     * @param caseId the case, required
     * @param kind TRANSFER or SHARE, required
     * @param toCenterId the receiving center, required
     * @param reason why, required
     */
    record NewTransfer(UUID caseId, TransferKind kind, String toCenterId, String reason) {
    }

    /**
     * @param decision ACCEPT or REJECT, required
     * @param reason why, required
     * @param category for an accepted transfer, the receiver's category the case enters; optional
     */
    record Decision(Outcome decision, String reason, String category) {
        enum Outcome {
            ACCEPT, REJECT
        }
    }

    /**
     * The requests of {@code ?caseId=}, or else those of the user's center in {@code ?direction=} (incoming, the
     * default, or outgoing), optionally only those in {@code ?status=}.
     */
    private List<CaseTransfer> transfers(HttpServletRequest req) {
        if (req.getParameter("caseId") != null) {
            return transfers.ofCase(caseParameter(req));
        }
        TransferStatus status = null;
        String rawStatus = req.getParameter("status");
        if (rawStatus != null) {
            try {
                status = TransferStatus.valueOf(rawStatus);
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, "parameter 'status' must be PENDING, ACCEPTED or REJECTED, was '"
                        + rawStatus + "'");
            }
        }
        String direction = req.getParameter("direction");
        if (direction == null || direction.equals("incoming")) {
            return transfers.incoming(status);
        }
        if (direction.equals("outgoing")) {
            return transfers.outgoing(status);
        }
        throw new ApiException(400, "parameter 'direction' must be incoming or outgoing, was '" + direction + "'");
    }

    private Referral referral(ApiRoute.Match match) {
        UUID id = CasesServlet.uuid(match.variable("referralId"), "referral");
        return referrals.find(id).orElseThrow(() -> new CaseNotFoundException("referral", id));
    }

    private static UUID caseParameter(HttpServletRequest req) {
        String raw = req.getParameter("caseId");
        if (raw == null) {
            throw new ApiException(400, "parameter 'caseId' is required: the id of the case");
        }
        return CasesServlet.uuid(raw, "case");
    }

    private Referral localized(HttpServletRequest req, Referral referral) {
        return new Referral(referral.id(), referral.caseId(), referral.agency(), referral.status(), referral.sentBy(),
                referral.sentAt(), referral.acknowledgedBy(), referral.acknowledgedAt(), referral.actedOnBy(),
                referral.actedOnAt(), localized(req, referral.pack()));
    }

    /** @return the pack with what it lacks in the user's language, where the case's center speaks it */
    private ReferralPack localized(HttpServletRequest req, ReferralPack pack) {
        return pack.withMissing(Localizer.localize(pack.missing(), centers.center(pack.centerId()).orElse(null),
                req.getHeader("Accept-Language")));
    }
}
