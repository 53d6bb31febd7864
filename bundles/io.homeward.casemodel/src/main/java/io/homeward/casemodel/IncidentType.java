package io.homeward.casemodel;

/**
 * Incident types of online-exploitation reports, following the CyberTipline vocabulary. Homeward records
 * URLs, identifiers, hashes and metadata of reported material, never the material itself.
 */
public enum IncidentType {
    CHILD_PORNOGRAPHY,
    CHILD_SEX_TRAFFICKING,
    CHILD_SEX_TOURISM,
    CHILD_SEXUAL_MOLESTATION,
    MISLEADING_DOMAIN_NAME,
    MISLEADING_WORDS_OR_DIGITAL_IMAGES,
    ONLINE_ENTICEMENT,
    UNSOLICITED_OBSCENE_MATERIAL_SENT_TO_CHILD
}
