package io.homeward.casemodel.center;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * An operational center as declared by its plugin.
 *
 * @param id unique in the deployment, e.g. {@code child-focus}; never null
 * @param name display name, never null
 * @param country ISO 3166-1 alpha-2 code of the center's own country, never null
 * @param timeZone where the center works: the year of its case numbers and its SLA clocks, never null
 * @param languages ISO 639-1 codes, the default first; never empty
 * @param hotlines phone numbers the center answers, never null
 * @param caseNumbers never null
 * @param fields custom fields of its cases, never null
 * @param categories never empty
 * @param workflows every declared workflow version, never empty
 * @param alertCriteria the criteria of the country's child abduction alert plan, never null
 * @param sections what the center adds to its case page, in order, never null
 * @param hub the hub's rules when this center is a regional hub, null for a national center
 * @param plugin symbolic name and version of the bundle that declared it, never null
 * @param alertPlan the country's child abduction alert plan, null when the center declares none
 */
public record Center(String id, String name, String country, ZoneId timeZone, List<String> languages,
        List<Hotline> hotlines, CaseNumberScheme caseNumbers, List<FieldDefinition> fields,
        List<CaseCategory> categories, List<Workflow> workflows, List<AlertCriterion> alertCriteria,
        List<CaseSection> sections, Hub hub, String plugin, AlertPlan alertPlan) {
    public Center {
        languages = List.copyOf(languages);
        hotlines = List.copyOf(hotlines);
        fields = List.copyOf(fields);
        categories = List.copyOf(categories);
        workflows = List.copyOf(workflows);
        alertCriteria = List.copyOf(alertCriteria);
        sections = List.copyOf(sections);
    }

    /** A center without an alert plan, as declarations before {@code <alert-plan>} existed make. */
    public Center(String id, String name, String country, ZoneId timeZone, List<String> languages,
            List<Hotline> hotlines, CaseNumberScheme caseNumbers, List<FieldDefinition> fields,
            List<CaseCategory> categories, List<Workflow> workflows, List<AlertCriterion> alertCriteria,
            List<CaseSection> sections, Hub hub, String plugin) {
        this(id, name, country, timeZone, languages, hotlines, caseNumbers, fields, categories, workflows,
                alertCriteria, sections, hub, plugin, null);
    }

    /** @return the center's alert plan, or empty when it declares none */
    public Optional<AlertPlan> plan() {
        return Optional.ofNullable(alertPlan);
    }

    /** @return true when this center is a regional hub */
    public boolean isHub() {
        return hub != null;
    }

    /** @return whether the center handles cases in the given country: its own, or a hub's member */
    public boolean serves(String countryCode) {
        return country.equals(countryCode) || (hub != null && hub.members().contains(countryCode));
    }

    /** @return the category with this id, or empty */
    public Optional<CaseCategory> category(String categoryId) {
        return categories.stream().filter(c -> c.id().equals(categoryId)).findFirst();
    }

    /** @return the field with this id, or empty */
    public Optional<FieldDefinition> field(String fieldId) {
        return fields.stream().filter(f -> f.id().equals(fieldId)).findFirst();
    }

    /** @return the given version of a workflow, or empty */
    public Optional<Workflow> workflow(String workflowId, int version) {
        return workflows.stream().filter(w -> w.id().equals(workflowId) && w.version() == version).findFirst();
    }

    /** @return the newest version of a workflow, or empty */
    public Optional<Workflow> currentWorkflow(String workflowId) {
        return workflows.stream().filter(w -> w.id().equals(workflowId))
                .max(java.util.Comparator.comparingInt(Workflow::version));
    }

    /**
     * A hotline number.
     *
     * @param number as dialled, e.g. {@code 116000}
     * @param labels what the line is for
     */
    public record Hotline(String number, Labels labels) {
    }
}
