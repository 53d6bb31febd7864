package io.homeward.store.internal.caserecord;

import io.homeward.casemodel.CaseQuery;
import io.homeward.casemodel.center.Center;
import io.homeward.casemodel.center.CenterRegistry;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hibernate.query.SelectionQuery;

/**
 * The condition of every query over the cases of a {@link CaseQuery} (alias {@code c} for {@link CaseEntity}),
 * with its parameters. This is the one place where what a center may see is enforced: a query with a viewer
 * matches only the cases that viewer owns, the cases shared with it and, when the viewer is a regional hub, every
 * case in one of its member countries, whoever owns it. Search and statistics both build their queries here.
 */
public final class CaseFilter {

    /**
     * An open case with an unmet SLA timer past its deadline. A timer met late is not overdue any more: the case
     * no longer waits for anything.
     */
    private static final String OVERDUE = "(c.closedAt is null and c.id in (select o.id from CaseEntity o join o.slas t"
            + " where t.metAt is null and t.deadline < :now))";

    /** Qualifies the enum literals of HQL. */
    private static final String RISK_LEVEL = "io.homeward.casemodel.RiskLevel.";

    private final StringBuilder where = new StringBuilder(" where 1 = 1");
    private final Map<String, Object> parameters = new HashMap<>();

    /**
     * @param centers to know whether the viewer is a hub, and its members; a viewer no installed plugin declares
     *     sees what it owns and what is shared with it
     * @param now the moment that decides what is overdue
     */
    public CaseFilter(CaseQuery query, CenterRegistry centers, Instant now) {
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
        if (query.overdue() != null) {
            where.append(query.overdue() ? " and " : " and not ").append(OVERDUE);
            parameters.put("now", now);
        }
        if (query.text() != null && !query.text().isBlank()) {
            where.append(" and (lower(c.number) like :text escape '!' or c.id in (select o.id from CaseEntity o"
                    + " join o.persons p where lower(p.familyName) like :text escape '!'"
                    + " or lower(p.givenName) like :text escape '!'))");
            parameters.put("text", "%" + likeEscaped(query.text().strip().toLowerCase(Locale.ROOT)) + "%");
        }
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

    /** @return the condition, starting with {@code " where"} */
    public String where() {
        return where.toString();
    }

    /** @return the query, with the parameters of the condition bound */
    public <T> SelectionQuery<T> bind(SelectionQuery<T> query) {
        parameters.forEach(query::setParameter);
        return query;
    }

    /** @return the text with the LIKE wildcards and the escape character itself escaped by {@code !} */
    private static String likeEscaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
