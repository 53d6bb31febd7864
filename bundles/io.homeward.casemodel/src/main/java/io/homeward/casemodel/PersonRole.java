package io.homeward.casemodel;

/** The part a person plays in a case. */
public enum PersonRole {
    CHILD, REPORTER, ALLEGED_ABDUCTOR, CONTACT
}
