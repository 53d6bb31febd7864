package io.homeward.casemodel.center;

import io.homeward.casemodel.CaseType;

/**
 * One of a center's own case categories.
 *
 * @param id unique within the center, never null
 * @param caseType the shared type this category counts as, never null
 * @param workflowId the workflow its cases run under, never null
 * @param labels never null
 */
public record CaseCategory(String id, CaseType caseType, String workflowId, Labels labels) {
}
