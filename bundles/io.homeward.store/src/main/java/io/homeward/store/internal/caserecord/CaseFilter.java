package io.homeward.store.internal.caserecord;

import io.homeward.casemodel.CaseQuery;
import io.homeward.casemodel.center.Center;
import io.homeward.casemodel.center.CenterRegistry;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.hibernate.Session;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.query.SelectionQuery;

/**
 * The condition of every query over the cases of a {@link CaseQuery} (alias {@code c} for {@link CaseEntity}),
 * with its parameters. This is the one place where what a center may see is enforced: a query with a viewer
 * matches only the cases that viewer owns, the cases shared with it and, when the viewer is a regional hub, every
 * case in one of its member countries, whoever owns it. Search and statistics both build their queries here.
 */
public final class CaseFilter {

    /**
     * An open case (alias {@code %1$s}) with an unmet SLA timer past its deadline. A timer met late is not overdue
     * any more: the case no longer waits for anything. The deadline's lower bound makes the condition a range
     * that begins after the cases without a deadline, which sort first in H2's hw_case_sla_due_ix: with {@code is
     * not null} alone, H2 read every one of them (all but the few overdue); that test stays, so that the negation
     * of the condition is true, not null, for a case without a deadline.
     */
    private static final String OVERDUE = "(%1$s.closedAt is null and %1$s.slaDueAt is not null"
            + " and %1$s.slaDueAt > :noDeadline and %1$s.slaDueAt < :now)";

    /** Qualifies the enum literals of HQL. */
    private static final String RISK_LEVEL = "io.homeward.casemodel.RiskLevel.";

    /** A case number typed in full or in part: letters, digits and the separators numbers use, with a digit. */
    private static final Pattern CASE_NUMBER = Pattern.compile("(?=.*\\d)[\\p{L}\\p{N}][\\p{L}\\p{N}/_.-]*");
    /** Words of a name that count; more are ignored (no name has more, and each is one more index lookup). */
    static final int MAX_WORDS = 6;

    private final StringBuilder where = new StringBuilder(" where 1 = 1");
    private final Map<String, Object> parameters = new HashMap<>();
    private final Map<String, Object> rankParameters = new HashMap<>();
    private List<NameKeys.Word> words = List.of();
    private String rank;
    /** The join of the cases to the name lookups, or empty without names. */
    private String join = "";
    private boolean numberSearch;

    /**
     * @param centers to know whether the viewer is a hub, and its members; a viewer no installed plugin declares
     *     sees what it owns and what is shared with it
     * @param now the moment that decides what is overdue
     * @param session to read which spellings sound like the words of a name searched for
     */
    public CaseFilter(CaseQuery query, CenterRegistry centers, Instant now, Session session) {
        if (query.viewer() != null) {
            List<String> members = centers.center(query.viewer()).filter(Center::isHub)
                    .map(hub -> hub.hub().members()).orElse(List.of());
            where.append(" and (c.centerId = :viewer or :viewer member of c.sharedWith");
            if (!members.isEmpty()) {
                where.append(" or c.country in :members");
                parameters.put("members", members);
            }
            where.append(")");
            parameters.put("viewer", query.viewer());
        }
        restrict("c.centerId = :center", "center", query.centerId());
        restrict("c.country = :country", "country", query.country());
        restrict("c.status = :status", "status", query.status());
        restrict("c.type = :type", "type", query.type());
        restrict("c.assignee = :assignee", "assignee", query.assignee());
        restrict("c.riskLevel = :riskLevel", "riskLevel", query.riskLevel());
        // a range of timestamps rather than a cast to a date: hw_case_opened_ix serves it, and UTC days are the
        // same on every database whatever its session time zone
        restrict("c.openedAt >= :openedFrom", "openedFrom", startOfDay(query.openedFrom()));
        restrict("c.openedAt < :openedBefore", "openedBefore",
                query.openedTo() == null ? null : startOfDay(query.openedTo().plusDays(1)));
        born(query.bornFrom(), query.bornTo());
        if (query.overdue() != null) {
            // On H2 the overdue cases by a lookup of their own: its estimates prefer any equality (a country, a
            // status) to a range, and then it tested the deadline of every case of the country (189 ms at 200,000
            // cases; 22 ms at a million so). PostgreSQL estimates from its statistics and reads the deadline index
            // for the plain condition, where the lookup would cost it a join (6 ms against 27 at a million). Cases
            // not overdue are most cases: tested row by row (as "not in" a lookup, 33 s on H2 at 200,000 cases).
            where.append(!query.overdue() ? " and not " + OVERDUE.formatted("c") : onH2(session)
                    ? " and c.id in (select o.id from CaseEntity o where " + OVERDUE.formatted("o") + ")"
                    : " and " + OVERDUE.formatted("c"));
            parameters.put("noDeadline", Instant.EPOCH);
            parameters.put("now", now);
        }
        if (query.text() != null && !query.text().isBlank()) {
            text(query.text().strip(), session);
        }
    }

    private static boolean onH2(Session session) {
        return session.getSessionFactory().unwrap(SessionFactoryImplementor.class).getJdbcServices()
                .getDialect() instanceof H2Dialect;
    }

    /**
     * The date-of-birth condition: a person of the case (any role) born within the bounds, both on one person. The
     * persons are found by hw_person_birth_ix and their cases by their key, so that a search by date of birth alone
     * never reads every case.
     */
    private void born(LocalDate from, LocalDate to) {
        if (from == null && to == null) {
            return;
        }
        where.append(" and c.id in (select bp.caseId from PersonEntity bp where");
        if (from != null) {
            where.append(" bp.dateOfBirth >= :bornFrom");
            parameters.put("bornFrom", from);
        }
        if (to != null) {
            where.append(from != null ? " and" : "").append(" bp.dateOfBirth <= :bornTo");
            parameters.put("bornTo", to);
        }
        where.append(")");
    }

    /** @return the first instant of the UTC day, or null for null */
    private static Instant startOfDay(LocalDate day) {
        return day == null ? null : day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * The text condition, from indexes only (hw_case_number_ix, hw_name_key_spelling_ix): a text with a digit is a
     * case number or its beginning; any other text is a name, each of whose words must match a word of one person:
     * by one of its spellings, as the beginning of one, or by a spelling that sounds alike and is spelt nearly alike
     * (see {@link NameKeys}), read first from the sound rows. Each alternative is its own indexed lookup, joined by
     * {@code union} and {@code intersect} rather than {@code or}, which would make H2 read the whole key table; and
     * the cases are joined to the lookups as a derived table rather than tested with {@code c.id in (...)}, which H2
     * evaluates again for every case it finds (a second per thousand matches). Text with neither digits nor letters
     * matches nothing. Builds the rank too, from each word's best reason.
     */
    private void text(String text, Session session) {
        if (CASE_NUMBER.matcher(text).matches()) {
            String number = text.toUpperCase(Locale.ROOT);
            where.append(" and c.number >= :numberFrom and c.number < :numberTo");
            parameters.put("numberFrom", number);
            parameters.put("numberTo", after(number));
            numberSearch = true;
            return;
        }
        words = NameKeys.words(text);
        if (words.size() > MAX_WORDS) {
            words = words.subList(0, MAX_WORDS);
        }
        if (words.isEmpty()) {
            where.append(" and 1 = 0");
            return;
        }
        Map<String, List<String>> soundsLike = soundsLike(session, words);
        List<String> lookups = new ArrayList<>();
        List<String> ranks = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String select = words.size() == 1 ? "k.caseId as caseId" : "k.personId as personId, k.caseId as caseId";
            lookups.add("(" + wordLookup(i, select, soundsLike) + ")");
            ranks.add(wordRank(i));
        }
        if (words.size() == 1) {
            join = " join " + lookups.get(0) + " m on m.caseId = c.id";
        } else {
            // the persons each of whose words is matched, then their cases once each (two persons of one case can
            // both match)
            join = " join (select distinct x.caseId as caseId from (" + String.join(" intersect ", lookups)
                    + ") x) m on m.caseId = c.id";
        }
        rank = String.join(" + ", ranks);
    }

    /**
     * @return for each sound of the words, the spellings stored with it, from hw_name_key_spelling_ix alone
     */
    private static Map<String, List<String>> soundsLike(Session session, List<NameKeys.Word> words) {
        List<String> sounds = words.stream().flatMap(word -> word.sounds().keySet().stream()).distinct().toList();
        Map<String, List<String>> spellings = new HashMap<>();
        if (sounds.isEmpty()) {
            return spellings;
        }
        session.createSelectionQuery("select distinct k.key, k.spelling from NameKeyEntity k where k.key in :sounds"
                + " and k.spelling is not null", Object[].class).setParameter("sounds", sounds).getResultList()
                .forEach(row -> spellings.computeIfAbsent((String) row[0], key -> new ArrayList<>())
                        .add((String) row[1]));
        return spellings;
    }

    /**
     * Sorts the spellings that sound like a word into close and alike ones (see {@link NameKeys#closeSpelling},
     * {@link NameKeys#alikeSpelling}), binds them and the word's own spellings, and returns the lookups of the word:
     * its spellings and those that sound alike, and the spellings it begins (from two letters).
     *
     * @param select the select list of each lookup (alias {@code k} for {@link NameKeyEntity})
     */
    private String wordLookup(int word, String select, Map<String, List<String>> soundsLike) {
        NameKeys.Word keys = words.get(word);
        Set<String> close = new LinkedHashSet<>();
        Set<String> alike = new LinkedHashSet<>();
        for (String sound : keys.sounds().keySet()) {
            for (String spelling : soundsLike.getOrDefault(sound, List.of())) {
                if (keys.spellings().stream().anyMatch(own -> NameKeys.closeSpelling(own, spelling))) {
                    close.add(spelling);
                } else if (keys.spellings().stream().anyMatch(own -> NameKeys.alikeSpelling(own, spelling))) {
                    alike.add(spelling);
                }
            }
        }
        keys.spellings().forEach(close::remove);
        alike.removeAll(close);
        keys.spellings().forEach(alike::remove);
        Set<String> all = new LinkedHashSet<>(keys.spellings());
        all.addAll(close);
        all.addAll(alike);
        parameters.put("keys" + word, List.copyOf(all));
        rankParameters.put("spellings" + word, keys.spellings());
        if (!close.isEmpty()) {
            rankParameters.put("close" + word, List.copyOf(close));
        }
        List<String> lookups = new ArrayList<>();
        lookups.add("select %s from NameKeyEntity k where k.key in :keys%d".formatted(select, word));
        List<String> spellings = keys.spellings();
        for (int j = 0; j < spellings.size(); j++) {
            if (spellings.get(j).length() >= 2) {
                String from = "from" + word + "_" + j;
                String to = "to" + word + "_" + j;
                lookups.add("select %s from NameKeyEntity k where k.key >= :%s and k.key < :%s"
                        .formatted(select, from, to));
                parameters.put(from, spellings.get(j));
                parameters.put(to, after(spellings.get(j)));
            }
        }
        return String.join(" union ", lookups);
    }

    /**
     * @return the rank of a case for one word, in the order of {@link NameKeys.Reason}: 0 when a person is spelt
     *     the same, 1 when a name begins with the word, 2 when one is spelt nearly alike, 3 when it only sounds
     *     alike. Each test is one plain lookup, which H2 reads once per query rather than once per case.
     */
    private String wordRank(int word) {
        StringBuilder rank = new StringBuilder("case when " + hasKey("in :spellings" + word) + " then 0");
        List<String> spellings = words.get(word).spellings();
        for (int j = 0; j < spellings.size(); j++) {
            if (spellings.get(j).length() >= 2) {
                rank.append(" when ").append(hasKey(">= :from%d_%d and k.key < :to%d_%d".formatted(word, j, word, j)))
                        .append(" then 1");
            }
        }
        if (rankParameters.containsKey("close" + word)) {
            rank.append(" when ").append(hasKey("in :close" + word)).append(" then 2");
        }
        return rank.append(" else 3 end").toString();
    }

    /**
     * Ranks a case with a person of any role born on the day as if its name had matched better by the weight (the
     * rank is lower for better matches, by 1 per step of a word's reason). Without a name or a day, nothing changes.
     */
    public void rankSameBirth(LocalDate day, int weight) {
        if (rank != null && day != null) {
            rank = "(" + rank + ") - case when c.id in (select sb.caseId from PersonEntity sb"
                    + " where sb.dateOfBirth = :sameBirth) then " + weight + " else 0 end";
            rankParameters.put("sameBirth", day);
        }
    }

    /** @return whether a person of case {@code c} has a key that meets the condition on {@code k.key} */
    private static String hasKey(String condition) {
        return "c.id in (select k.caseId from NameKeyEntity k where k.key " + condition + ")";
    }

    /**
     * @return the least string greater than every string that begins with the prefix, so that {@code [prefix,
     *     after(prefix))} is the prefix as a range an ordinary index serves on any database (a LIKE with a
     *     wildcard needs a special index on PostgreSQL outside the C collation)
     */
    static String after(String prefix) {
        return prefix.substring(0, prefix.length() - 1) + (char) (prefix.charAt(prefix.length() - 1) + 1);
    }

    /** @return the words of the text condition, empty when there is none or it has no name words */
    public List<NameKeys.Word> words() {
        return words;
    }

    /** @return whether the text is a case number (or its beginning) rather than a name */
    public boolean numberSearch() {
        return numberSearch;
    }

    /** @return an HQL expression that is lower for better name matches (alias {@code c}), or null without names */
    public String rank() {
        return rank;
    }

    /**
     * @return the {@code order by} clause of the query's order, ties broken newest first and then by number, so
     *     that pages neither repeat nor skip a case
     */
    public static String orderBy(CaseQuery.Order order) {
        String key = switch (order.key()) {
            case OPENED_AT -> "c.openedAt";
            case NUMBER -> "c.number";
            case STATUS -> "c.status";
            // by urgency, not by the alphabet of the level names
            case RISK -> "case c.riskLevel when " + RISK_LEVEL + "LOW then 0 when " + RISK_LEVEL + "MEDIUM then 1 when "
                    + RISK_LEVEL + "HIGH then 2 else 3 end";
        };
        return " order by " + key + (order.descending() ? " desc" : " asc") + ", c.openedAt desc, c.number desc";
    }

    /** Adds a condition with one parameter, unless the criterion is null (matches everything). */
    private void restrict(String condition, String parameter, Object value) {
        if (value != null) {
            where.append(" and ").append(condition);
            parameters.put(parameter, value);
        }
    }

    /**
     * @return the {@code from} and {@code where} clauses, starting with {@code " from CaseEntity c"}; with a name in
     *     the text, each case once
     */
    public String from() {
        return " from CaseEntity c" + join + where;
    }

    /** @return the query, with the parameters of the condition bound */
    public <T> SelectionQuery<T> bind(SelectionQuery<T> query) {
        parameters.forEach(query::setParameter);
        return query;
    }

    /** @return the query, ordered by {@link #rank()}, with the parameters of the condition and the rank bound */
    public <T> SelectionQuery<T> bindRanked(SelectionQuery<T> query) {
        rankParameters.forEach(query::setParameter);
        return bind(query);
    }
}
