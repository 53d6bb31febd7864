package io.homeward.casemodel.referral;

import java.io.UncheckedIOException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Turns a referral into a document for the police agency that receives it, registered as an OSGi service by a
 * bundle of its own ({@code io.homeward.render}) so that the store does not carry the document libraries. The store
 * calls it from {@link ReferralService#pdf}, after authorization and inside the transaction that records the read
 * in the audit trail; anything else that holds a {@link Referral} may call it too.
 *
 * <p>A renderer only lays out what it is given: it reads no database, checks no permission and writes no audit
 * record, so a caller that has a referral from outside {@link ReferralService} answers for who may see the
 * document. It keeps nothing between calls, and every method is thread-safe.
 */
@ProviderType
public interface ReferralRenderer {

    /**
     * Renders the referral as a PDF document: A4, in English (INTERPOL's working language), with the case number,
     * center, country and case type, the agency and the referral's steps, the Yellow Notice identifiers of the
     * pack with what was missing when it was sent, and the photograph. The text's font is embedded, so that names
     * in Latin, Greek and Cyrillic script show in any reader; a character the font lacks is printed as {@code ?}.
     *
     * @param referral the referral, with the pack as it was sent; never null
     * @param photo the content of the pack's photograph ({@link ReferralPack#photograph()}), or null when the pack
     *     has none or its content is not at hand (the document then names the file and its digest only); must be
     *     null when the pack has no photograph. A photograph in a format the renderer cannot embed is named, not
     *     drawn, and is no error.
     * @return the PDF document, a new array on every call, never null
     * @throws NullPointerException when {@code referral} is null, or {@code photo} is given for a pack without a
     *     photograph
     * @throws UncheckedIOException when the document cannot be written
     * @throws IllegalStateException when the renderer's font cannot be found (a broken deployment)
     */
    byte[] pdf(Referral referral, byte[] photo);
}
