package io.homeward.store.internal.caserecord;

import io.homeward.casemodel.Case;
import io.homeward.casemodel.CaseType;
import io.homeward.casemodel.Person;
import io.homeward.casemodel.RiskAssessment;
import io.homeward.casemodel.RiskLevel;
import io.homeward.casemodel.SlaStatus;
import io.homeward.casemodel.center.SlaDefinition;
import io.homeward.casemodel.center.Workflow;
import io.homeward.store.internal.cases.SlaEscalator;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.Fetch;
import org.hibernate.annotations.FetchMode;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A case as stored (table {@code hw_case}, created by the Flyway migrations). Persons, custom fields, shares and
 * SLA timers are loaded with the case — never as lazy proxies — because every reader needs them and the API hands
 * out detached records anyway. The timeline is not mapped here: it is append-only and read on its own.
 *
 * <p>Every change of a case happens under a lock of its row ({@code SELECT ... FOR UPDATE}), taken when the
 * changing transaction reads it: {@link SlaEscalator} appends to the timeline without changing {@link #version}
 * (see there why), so the version check alone would not keep two writers from taking the same event index.
 */
@Entity
@Table(name = "hw_case")
public class CaseEntity {

    @Id
    private UUID id;

    @Column(name = "case_number", nullable = false, updatable = false)
    private String number;

    /** Changed only by {@link #transferTo}, when another center accepts the case. */
    @Column(name = "center_id", nullable = false)
    private String centerId;

    @Column(name = "country", nullable = false)
    private String country;

    // enums as plain strings on every database (Hibernate would otherwise use H2's native ENUM type)
    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "case_type", nullable = false)
    private CaseType type;

    @Column(name = "category", nullable = false)
    private String category;

    @Column(name = "workflow_id", nullable = false)
    private String workflowId;

    /** Changed only by {@link #migrate}, to move the case onto a newer version of its workflow. */
    @Column(name = "workflow_version", nullable = false)
    private int workflowVersion;

    @Column(name = "status", nullable = false)
    private String status;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "risk_level", nullable = false)
    private RiskLevel riskLevel;

    @Column(name = "risk_reason", nullable = false)
    private String riskReason;

    @Column(name = "risk_assessed_by", nullable = false)
    private String riskAssessedBy;

    @Column(name = "risk_assessed_at", nullable = false)
    private Instant riskAssessedAt;

    @Column(name = "opened_at", nullable = false, updatable = false)
    private Instant openedAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    /**
     * The earliest deadline among the case's unmet SLA timers, or null: kept here, and indexed, so that "overdue"
     * is a condition on the case row rather than a lookup of every overdue timer in the deployment.
     */
    @Column(name = "sla_due_at")
    private Instant slaDueAt;

    @Column(name = "assignee")
    private String assignee;

    /**
     * How many timeline events the case has; the next event gets this as its index. Every change of a case
     * appends an event, so every change also changes this column — which makes Hibernate increment
     * {@link #version} even for an action that leaves the status and fields as they were.
     */
    @Column(name = "event_count", nullable = false)
    private int eventCount;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SELECT)
    @CollectionTable(name = "hw_case_field", joinColumns = @JoinColumn(name = "case_id"))
    @MapKeyColumn(name = "field_id")
    @Column(name = "field_value", nullable = false)
    private Map<String, String> fields = new HashMap<>();

    @OneToMany(cascade = jakarta.persistence.CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
    @Fetch(FetchMode.SELECT)
    @JoinColumn(name = "case_id", nullable = false, updatable = false)
    @OrderBy("ordinal")
    private List<PersonEntity> persons = new ArrayList<>();

    /** Ids of the other centers the case is shared with. */
    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SELECT)
    @CollectionTable(name = "hw_case_share", joinColumns = @JoinColumn(name = "case_id"))
    @Column(name = "center_id", nullable = false)
    private Set<String> sharedWith = new HashSet<>();

    @OneToMany(cascade = jakarta.persistence.CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
    @Fetch(FetchMode.SELECT)
    @JoinColumn(name = "case_id", nullable = false, updatable = false)
    private List<SlaTimerEntity> slas = new ArrayList<>();

    protected CaseEntity() {
        // for Hibernate
    }

    public CaseEntity(UUID id, String number, String centerId, String country, CaseType type, String category,
            String workflowId, int workflowVersion, String status, RiskAssessment risk, Instant openedAt) {
        this.id = id;
        this.number = number;
        this.centerId = centerId;
        this.country = country;
        this.type = type;
        this.category = category;
        this.workflowId = workflowId;
        this.workflowVersion = workflowVersion;
        this.status = status;
        this.riskLevel = risk.level();
        this.riskReason = risk.reason();
        this.riskAssessedBy = risk.assessedBy();
        this.riskAssessedAt = risk.assessedAt();
        this.openedAt = openedAt;
    }

    public UUID id() {
        return id;
    }

    public String number() {
        return number;
    }

    String centerId() {
        return centerId;
    }

    String workflowId() {
        return workflowId;
    }

    int workflowVersion() {
        return workflowVersion;
    }

    public String status() {
        return status;
    }

    public long version() {
        return version;
    }

    public Map<String, String> fields() {
        return fields;
    }

    public void addPerson(PersonEntity person) {
        persons.add(person);
    }

    /**
     * @return the name keys of the persons added to the case in this transaction, to be persisted with it; the
     *     persons record that they have them
     */
    public List<NameKeyEntity> nameKeysOfNewPersons() {
        return persons.stream().filter(PersonEntity::newWithoutNameKeys)
                .flatMap(person -> person.makeNameKeys(id).stream()).toList();
    }

    /** @return how many persons the case has; the next one gets this as its ordinal */
    public int personCount() {
        return persons.size();
    }

    /** @param user the new assignee, or null to unassign */
    public void assignTo(String user) {
        this.assignee = user;
    }

    public void shareWith(String centerId) {
        sharedWith.add(centerId);
    }

    /** @return whether the case is shared with the center */
    public boolean sharedWith(String centerId) {
        return sharedWith.contains(centerId);
    }

    /**
     * Hands the case over to another center, which works it under one of its own categories: the case enters the
     * initial state of that category's workflow with fresh SLA timers, unassigned (its assignee works for the old
     * owner), and shared with no center: the old owner's shares end with its ownership. Number, persons, fields and
     * timeline stay.
     */
    public void transferTo(String newCenterId, String newCategory, Workflow workflow, Instant at) {
        this.centerId = newCenterId;
        this.category = newCategory;
        this.workflowId = workflow.id();
        this.workflowVersion = workflow.version();
        this.status = workflow.initialState();
        this.assignee = null;
        sharedWith.clear();
        slas.clear();
        enterState(workflow, workflow.initialState(), at);
    }

    /**
     * Applies the SLAs of the workflow version to the case entering a state (at open, by an action or by a
     * migration): starts the timer of every SLA that this state starts, unless the case has it already, and meets
     * every timer that this state meets.
     */
    public void enterState(Workflow workflow, String state, Instant at) {
        for (SlaDefinition sla : workflow.slas()) {
            Optional<SlaTimerEntity> timer = slas.stream().filter(t -> t.slaId().equals(sla.id())).findFirst();
            if (timer.isEmpty() && sla.startState().equals(state)) {
                slas.add(new SlaTimerEntity(sla, at));
            } else if (timer.isPresent() && sla.metBy().contains(state)) {
                timer.get().meet(at);
            }
        }
        slaDueAt = slas.stream().filter(SlaTimerEntity::unmet).map(SlaTimerEntity::deadline).min(Instant::compareTo)
                .orElse(null);
    }

    /** Moves the case onto another version of its workflow; the caller then moves it to the mapped state. */
    public void migrate(int toVersion) {
        this.workflowVersion = toVersion;
    }

    /**
     * Moves the case to another state. Entering a terminal state closes the case (a case already closed keeps
     * the time it closed); leaving the terminal states reopens it.
     */
    public void moveTo(String newStatus, boolean terminal, Instant now) {
        this.status = newStatus;
        this.closedAt = !terminal ? null : closedAt == null ? now : closedAt;
    }

    /** @return the next event of this case's timeline, to be persisted by the caller */
    public TimelineEventEntity appendEvent(Instant at, String actor, String kind, String action, String fromStatus,
            String toStatus, String note) {
        return new TimelineEventEntity(UUID.randomUUID(), id, eventCount++, at, actor, kind, action, fromStatus,
                toStatus, note);
    }

    /** @return the immutable API view of this case */
    public Case toCase() {
        List<Person> people = persons.stream().map(PersonEntity::toPerson).toList();
        return new Case(id, number, centerId, country, type, category, workflowId, workflowVersion, status,
                new RiskAssessment(riskLevel, riskReason, riskAssessedBy, riskAssessedAt), openedAt, closedAt,
                assignee, fields, people, sharedWith.stream().sorted().toList(),
                slas.stream().map(SlaTimerEntity::toStatus)
                        .sorted(Comparator.comparing(SlaStatus::deadline).thenComparing(SlaStatus::slaId)).toList(),
                version);
    }
}
