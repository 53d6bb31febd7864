package io.homeward.store.internal.duplicates;

import io.homeward.casemodel.Case;
import io.homeward.casemodel.CaseException;
import io.homeward.casemodel.CaseNotFoundException;
import io.homeward.casemodel.CasePage;
import io.homeward.casemodel.CaseQuery;
import io.homeward.casemodel.InvalidCaseException;
import io.homeward.casemodel.InvalidCaseException.Violation;
import io.homeward.casemodel.MatchReason;
import io.homeward.casemodel.Person;
import io.homeward.casemodel.PersonDetails;
import io.homeward.casemodel.PersonRole;
import io.homeward.casemodel.SearchMatch;
import io.homeward.casemodel.TimelineEvent;
import io.homeward.casemodel.center.CenterRegistry;
import io.homeward.casemodel.duplicate.Candidate;
import io.homeward.casemodel.duplicate.CaseLink;
import io.homeward.casemodel.duplicate.DuplicateService;
import io.homeward.casemodel.security.Permission;
import io.homeward.casemodel.security.Subject;
import io.homeward.store.internal.audit.AuditLog;
import io.homeward.store.internal.caserecord.CaseAccess;
import io.homeward.store.internal.caserecord.CaseRules;
import io.homeward.store.internal.caserecord.SideTimeline;
import io.homeward.store.internal.cases.CaseServiceImpl;
import io.homeward.store.internal.db.Database;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hibernate.Session;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DuplicateService} on the case database. Candidates are found by the case search itself, with the
 * subject's center as viewer, so that the visibility rule of every search ({@code CaseFilter}) is the only one and a
 * case the subject may not read is never proposed; a same date of birth adds to a name match, it never proposes a
 * case alone. Decisions lock both cases' rows (in a fixed order, so that two deciders cannot deadlock), are
 * appended to both timelines beside the cases (without changing their versions, like alerts) and audited on both.
 * Timeline notes name the decision, not the other case: a reader of one case may not be allowed to know the other.
 */
@Component(service = DuplicateService.class)
public final class DuplicateServiceImpl implements DuplicateService {

    static final int REASON_LENGTH = 1000;
    /** The longest part of a stored name searched: two of them and a space fit in one search text. */
    static final int SEARCHABLE_NAME = (CaseQuery.MAX_TEXT - 1) / 2;
    /** What a same date of birth adds to a name match's score (a same spelling is 3 per word). */
    private static final int SAME_BIRTH_SCORE = 3;
    private static final Logger LOG = LoggerFactory.getLogger(DuplicateServiceImpl.class);

    private final Database database;
    private final CaseServiceImpl cases;
    private final CaseAccess access;
    private final AuditLog audit;
    private final Clock clock;

    @Activate
    public DuplicateServiceImpl(@Reference Database database, @Reference CaseServiceImpl cases,
            @Reference CenterRegistry centers, @Reference AuditLog audit) {
        this(database, cases, new CaseAccess(database, centers, Clock.systemUTC()), audit, Clock.systemUTC());
    }

    public DuplicateServiceImpl(Database database, CaseServiceImpl cases, CaseAccess access, AuditLog audit,
            Clock clock) {
        this.database = database;
        this.cases = cases;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public List<Candidate> candidates(String familyName, String givenName, LocalDate dateOfBirth, int limit) {
        Subject subject = CaseAccess.permitted(Permission.CASE_READ);
        checkLimit(limit);
        List<Candidate> found = best(find(subject, familyName, givenName, dateOfBirth, Set.of(), limit), limit);
        audit.append(subject.username(), "CANDIDATES_READ", null, found.size() + " candidates for an intake: "
                + found.stream().map(Candidate::caseNumber).collect(Collectors.joining(", ")));
        return found;
    }

    @Override
    public List<Candidate> candidates(UUID caseId, int limit) {
        Subject subject = CaseAccess.permitted(Permission.CASE_READ);
        checkLimit(limit);
        Case subjectCase = access.visibleCase(subject, caseId);
        Set<UUID> excluded = new HashSet<>();
        excluded.add(caseId);
        decisions(caseId).stream().filter(CaseLinkEntity::inForce)
                .forEach(link -> excluded.add(link.toLink(caseId).otherCaseId()));
        List<Candidate> found = best(subjectCase.persons().stream()
                .filter(person -> person.details().role() == PersonRole.CHILD)
                .flatMap(child -> find(subject, searchable(child.details().familyName()),
                        searchable(child.details().givenName()), child.details().dateOfBirth(), excluded, limit)
                        .stream())
                .toList(), limit);
        audit.append(subject.username(), "CANDIDATES_READ", caseId, found.size() + " possible same child: "
                + found.stream().map(Candidate::caseNumber).collect(Collectors.joining(", ")));
        return found;
    }

    @Override
    public List<CaseLink> links(UUID caseId) {
        Subject subject = CaseAccess.permitted(Permission.CASE_READ);
        access.visibleCase(subject, caseId);
        List<CaseLink> links = decisions(caseId).stream().map(link -> link.toLink(caseId))
                // the other case may be one this subject may not read: then the decision is not its to know
                .filter(link -> access.visible(subject, link.otherCaseId())).toList();
        audit.append(subject.username(), "CASE_LINKS_READ", caseId, links.size() + " decisions");
        return links;
    }

    @Override
    public CaseLink decide(UUID caseId, UUID otherCaseId, boolean sameChild, String reason) {
        Subject subject = CaseAccess.permitted(Permission.CASE_UPDATE);
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(otherCaseId, "otherCaseId");
        List<Violation> violations = new ArrayList<>();
        checkReason(reason, violations);
        if (caseId.equals(otherCaseId)) {
            violations.add(new Violation("otherCaseId", "a case is always the same child as itself; name another"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidCaseException(violations);
        }
        Case one = access.visibleCase(subject, caseId);
        Case other = access.visibleCase(subject, otherCaseId);
        CaseLink link = inCaseLocks(caseId, otherCaseId, (session, now) -> {
            boolean decided = !session.createSelectionQuery("from CaseLinkEntity l where l.undoneAt is null and"
                    + " ((l.caseId = :a and l.otherId = :b) or (l.caseId = :b and l.otherId = :a))",
                    CaseLinkEntity.class).setParameter("a", caseId).setParameter("b", otherCaseId)
                    .getResultList().isEmpty();
            if (decided) {
                throw new CaseException("cases " + one.number() + " and " + other.number() + " already have a"
                        + " decision in force; undo it first");
            }
            CaseLinkEntity entity = new CaseLinkEntity(caseId, otherCaseId, sameChild, subject.username(), now,
                    reason.strip());
            session.persist(entity);
            String kind = sameChild ? TimelineEvent.SAME_CHILD : TimelineEvent.NOT_SAME_CHILD;
            String action = sameChild ? "CASE_SAME_CHILD" : "CASE_NOT_SAME_CHILD";
            for (UUID side : List.of(caseId, otherCaseId)) {
                SideTimeline.append(session, side, now, subject.username(), kind, "decision " + entity.id() + ": "
                        + reason.strip());
                audit.append(session, subject.username(), action, side, "decision " + entity.id() + " with case "
                        + (side.equals(caseId) ? otherCaseId : caseId) + "\nreason: " + reason.strip());
            }
            return entity.toLink(caseId);
        });
        LOG.info("Cases {} and {}: {} (decision {})", caseId, otherCaseId, sameChild ? "same child" : "not the same",
                link.id());
        return link;
    }

    @Override
    public CaseLink undo(UUID linkId, String reason) {
        Subject subject = CaseAccess.permitted(Permission.CASE_UPDATE);
        Objects.requireNonNull(linkId, "linkId");
        List<Violation> violations = new ArrayList<>();
        checkReason(reason, violations);
        if (!violations.isEmpty()) {
            throw new InvalidCaseException(violations);
        }
        CaseLinkEntity found = CaseServiceImpl.transaction(database, session -> session.find(CaseLinkEntity.class,
                linkId));
        if (found == null || !access.visible(subject, found.caseId()) || !access.visible(subject, found.otherId())) {
            throw new CaseNotFoundException("decision", linkId);
        }
        CaseLink link = inCaseLocks(found.caseId(), found.otherId(), (session, now) -> {
            CaseLinkEntity entity = session.find(CaseLinkEntity.class, linkId);
            if (!entity.inForce()) {
                throw new CaseException("decision " + linkId + " was already undone");
            }
            entity.undo(subject.username(), now, reason.strip());
            for (UUID side : List.of(entity.caseId(), entity.otherId())) {
                SideTimeline.append(session, side, now, subject.username(), TimelineEvent.DECISION_UNDONE,
                        "decision " + linkId + ": " + reason.strip());
                audit.append(session, subject.username(), "CASE_DECISION_UNDONE", side, "decision " + linkId
                        + "\nreason: " + reason.strip());
            }
            return entity.toLink(entity.caseId());
        });
        LOG.info("Decision {} undone", linkId);
        return link;
    }

    /**
     * @return the best cases whose persons answer the name, at most the limit, by the case search with the subject's
     *     center as viewer, each with the matched person, the reasons and the score; a same date of birth adds to
     *     them, in the search's ranking too
     */
    private List<Candidate> find(Subject subject, String familyName, String givenName, LocalDate dateOfBirth,
            Set<UUID> excluded, int limit) {
        String name = Stream.of(familyName, givenName).filter(part -> part != null && !part.isBlank())
                .collect(Collectors.joining(" "));
        if (name.isBlank()) {
            return List.of();
        }
        CasePage page = cases.bestMatches(CaseQuery.all().withViewer(subject.system() ? null : subject.centerId())
                .withText(name).withPage(0, Math.min(limit + excluded.size(), CaseQuery.MAX_LIMIT)), dateOfBirth,
                SAME_BIRTH_SCORE);
        List<Candidate> found = new ArrayList<>();
        for (int i = 0; i < page.cases().size(); i++) {
            Case c = page.cases().get(i);
            SearchMatch match = page.matches().get(i);
            if (excluded.contains(c.id()) || match.personId() == null) {
                continue;
            }
            PersonDetails person = c.persons().stream().filter(p -> p.id().equals(match.personId()))
                    .map(Person::details).findFirst().orElseThrow();
            List<MatchReason> reasons = new ArrayList<>(List.of(match.reason()));
            int score = match.score();
            if (dateOfBirth != null && dateOfBirth.equals(person.dateOfBirth())) {
                reasons.add(MatchReason.SAME_DATE_OF_BIRTH);
                score += SAME_BIRTH_SCORE;
            }
            found.add(new Candidate(c.id(), c.number(), c.centerId(), c.country(), c.status(), match.personId(),
                    person.familyName(), person.givenName(), person.dateOfBirth(), reasons, score));
        }
        return found;
    }

    /**
     * @return a stored name as one search takes it: a person's name may hold characters a search text may not (a
     *     pasted tab) and, family and given name together, be longer than a search text; its beginning still finds
     *     the names that begin alike. Null stays null.
     */
    static String searchable(String name) {
        if (name == null) {
            return null;
        }
        StringBuilder kept = new StringBuilder(name.length());
        name.codePoints().forEach(c -> kept.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        if (kept.length() <= SEARCHABLE_NAME) {
            return kept.toString();
        }
        // cut in characters, as a search text is measured, but never between the two halves of a surrogate pair
        int end = Character.isHighSurrogate(kept.charAt(SEARCHABLE_NAME - 1)) ? SEARCHABLE_NAME - 1 : SEARCHABLE_NAME;
        return kept.substring(0, end);
    }

    /** @return one candidate per case (its best), best first, at most the limit */
    private static List<Candidate> best(List<Candidate> candidates, int limit) {
        Map<UUID, Candidate> best = new LinkedHashMap<>();
        for (Candidate candidate : candidates) {
            best.merge(candidate.caseId(), candidate, (a, b) -> b.score() > a.score() ? b : a);
        }
        return best.values().stream().sorted(Comparator.comparingInt(Candidate::score).reversed()).limit(limit)
                .toList();
    }

    private List<CaseLinkEntity> decisions(UUID caseId) {
        return CaseServiceImpl.transaction(database, session -> session.createSelectionQuery("from CaseLinkEntity l"
                + " where l.caseId = :id or l.otherId = :id order by l.decidedAt desc", CaseLinkEntity.class)
                .setParameter("id", caseId).getResultList());
    }

    /** Runs work with both cases' rows locked, the smaller id first, so that two decisions cannot deadlock. */
    private <T> T inCaseLocks(UUID one, UUID other, LockedWork<T> work) {
        return CaseServiceImpl.transaction(database, session -> {
            for (UUID id : one.compareTo(other) < 0 ? List.of(one, other) : List.of(other, one)) {
                if (!SideTimeline.lock(session, id, false)) {
                    throw new CaseNotFoundException(id);
                }
            }
            return work.apply(session, clock.instant());
        });
    }

    private static void checkReason(String reason, List<Violation> violations) {
        if (reason == null || reason.isBlank()) {
            violations.add(new Violation("reason", "say why; it is required"));
        } else {
            CaseRules.checkLength(reason, "reason", REASON_LENGTH, violations);
        }
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_CANDIDATES) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_CANDIDATES + ", was " + limit);
        }
    }

    @FunctionalInterface
    private interface LockedWork<T> {
        T apply(Session session, Instant now);
    }
}
