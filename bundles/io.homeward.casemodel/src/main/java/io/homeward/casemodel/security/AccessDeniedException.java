package io.homeward.casemodel.security;

import io.homeward.casemodel.CaseException;

/**
 * The current {@link Subject} may not do this (HTTP 403). Never thrown for a case the subject may not see: such a
 * case is reported as not found, so that its existence does not leak.
 */
public class AccessDeniedException extends CaseException {
    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String message) {
        super(message);
    }
}
