package io.homeward.center.internal;

import io.homeward.casemodel.CaseType;
import io.homeward.casemodel.center.AlertCriterion;
import io.homeward.casemodel.center.AlertPlan;
import io.homeward.casemodel.center.CaseCategory;
import io.homeward.casemodel.center.CaseSection;
import io.homeward.casemodel.center.CaseNumberScheme;
import io.homeward.casemodel.center.Center;
import io.homeward.casemodel.center.FieldDefinition;
import io.homeward.casemodel.center.FieldType;
import io.homeward.casemodel.center.Hub;
import io.homeward.casemodel.center.Labels;
import io.homeward.casemodel.center.SlaDefinition;
import io.homeward.casemodel.center.Workflow;
import io.homeward.casemodel.center.WorkflowAction;
import io.homeward.casemodel.center.WorkflowMigration;
import io.homeward.casemodel.center.WorkflowState;
import io.homeward.casemodel.security.Role;
import io.homeward.casemodel.spi.CenterPlugin;
import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads a center declaration file: validates it against the published schema, then checks what a schema
 * cannot (references between workflows, states, actions and fields; unique ids) and builds the API records.
 * Every problem is reported with its line, so an integrator can fix them all in one go. Thread-safe.
 */
final class DeclarationReader {

    private final Schema schema;

    DeclarationReader() {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            schema = factory.newSchema(CenterPlugin.class.getResource(CenterPlugin.SCHEMA_RESOURCE));
        } catch (SAXException e) {
            throw new IllegalStateException("the published center schema does not load", e);
        }
    }

    /**
     * @param in the declaration, read to the end but not closed
     * @param file its path inside the plugin, for messages
     * @param plugin symbolic name and version of the plugin, recorded on each center
     * @return the declared centers, never empty
     * @throws DeclarationException listing every problem found
     */
    List<Center> read(InputStream in, String file, String plugin) throws DeclarationException {
        Element root = parse(in, file);
        return new Builder(file, plugin).centers(root);
    }

    private Element parse(InputStream in, String file) throws DeclarationException {
        TreeHandler handler = new TreeHandler(file);
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setSchema(schema);
            // a declaration never needs a DTD; refusing one closes the door on entity expansion attacks
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            SAXParser parser = factory.newSAXParser();
            parser.parse(in, handler);
        } catch (SAXParseException e) {
            handler.problems.add(new DeclarationProblem(file, e.getLineNumber(), e.getColumnNumber(), clean(e)));
        } catch (SAXException | ParserConfigurationException e) {
            handler.problems.add(new DeclarationProblem(file, -1, -1, e.getMessage()));
        } catch (IOException e) {
            handler.problems.add(new DeclarationProblem(file, -1, -1, "cannot be read: " + e.getMessage()));
        }
        if (!handler.problems.isEmpty()) {
            throw new DeclarationException(handler.problems);
        }
        return handler.root;
    }

    /** Xerces prefixes schema messages with a constraint code (e.g. "cvc-complex-type.2.4.a: ") that helps nobody. */
    private static String clean(SAXParseException e) {
        String message = String.valueOf(e.getMessage());
        return message.replaceFirst("^cvc-[\\w.-]+: ", "").replace("\"" + CenterPlugin.NAMESPACE + "\":", "");
    }

    /** A parsed element with the line it started on. */
    private record Element(String name, Map<String, String> attributes, List<Element> children, StringBuilder text,
            int line, int column) {

        String attr(String name) {
            return attributes.get(name);
        }

        List<Element> all(String childName) {
            return children.stream().filter(c -> c.name.equals(childName)).toList();
        }

        Labels labels() {
            Map<String, String> byLanguage = new LinkedHashMap<>();
            for (Element label : all("label")) {
                byLanguage.put(label.attr("lang"), label.text.toString().strip());
            }
            return new Labels(byLanguage);
        }
    }

    private static final class TreeHandler extends DefaultHandler {
        private final String file;
        private final List<DeclarationProblem> problems = new ArrayList<>();
        private final List<Element> open = new ArrayList<>();
        private Locator locator;
        private Element root;

        TreeHandler(String file) {
            this.file = file;
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            Map<String, String> attrs = new LinkedHashMap<>();
            for (int i = 0; i < attributes.getLength(); i++) {
                attrs.put(attributes.getLocalName(i), attributes.getValue(i));
            }
            Element element = new Element(localName, attrs, new ArrayList<>(), new StringBuilder(),
                    locator.getLineNumber(), locator.getColumnNumber());
            if (open.isEmpty()) {
                root = element;
            } else {
                open.get(open.size() - 1).children.add(element);
            }
            open.add(element);
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            open.remove(open.size() - 1);
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (!open.isEmpty()) {
                open.get(open.size() - 1).text.append(ch, start, length);
            }
        }

        @Override
        public void error(SAXParseException e) {
            // schema violations arrive here; keep going to report them all
            problems.add(new DeclarationProblem(file, e.getLineNumber(), e.getColumnNumber(), clean(e)));
        }
    }

    /** Turns a schema-valid tree into records, collecting every cross-reference problem. */
    private static final class Builder {
        private final String file;
        private final String plugin;
        private final List<DeclarationProblem> problems = new ArrayList<>();

        Builder(String file, String plugin) {
            this.file = file;
            this.plugin = plugin;
        }

        List<Center> centers(Element root) throws DeclarationException {
            List<Center> centers = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (Element center : root.all("center")) {
                unique(ids, center, "center");
                centers.add(center(center));
            }
            if (!problems.isEmpty()) {
                problems.sort(java.util.Comparator.comparingInt(DeclarationProblem::line));
                throw new DeclarationException(problems);
            }
            return centers;
        }

        private Center center(Element c) {
            List<String> languages = new ArrayList<>();
            for (Element language : c.all("language")) {
                if (languages.contains(language.attr("code"))) {
                    problem(language, "language '" + language.attr("code") + "' is listed twice");
                }
                languages.add(language.attr("code"));
            }
            List<Center.Hotline> hotlines = c.all("hotline").stream()
                    .map(h -> new Center.Hotline(h.attr("number"), h.labels())).toList();

            Set<String> fieldIds = new HashSet<>();
            List<FieldDefinition> fields = new ArrayList<>();
            for (Element f : c.all("field")) {
                unique(fieldIds, f, "field");
                fields.add(field(f));
            }

            Map<String, Set<Integer>> workflowVersions = new LinkedHashMap<>();
            List<Workflow> workflows = new ArrayList<>();
            for (Element w : c.all("workflow")) {
                int version = Integer.parseInt(w.attr("version"));
                if (!workflowVersions.computeIfAbsent(w.attr("id"), k -> new HashSet<>()).add(version)) {
                    problem(w, "workflow '" + w.attr("id") + "' version " + version + " is declared twice");
                }
                workflows.add(workflow(w, fieldIds));
            }

            Set<String> categoryIds = new HashSet<>();
            List<CaseCategory> categories = new ArrayList<>();
            for (Element cat : c.all("category")) {
                unique(categoryIds, cat, "category");
                if (!workflowVersions.containsKey(cat.attr("workflow"))) {
                    problem(cat, "category '" + cat.attr("id") + "' uses workflow '" + cat.attr("workflow")
                            + "', which is not declared (declared: " + String.join(", ", workflowVersions.keySet()) + ")");
                }
                categories.add(new CaseCategory(cat.attr("id"), CaseType.valueOf(cat.attr("case-type")),
                        cat.attr("workflow"), cat.labels()));
            }

            Element scheme = c.all("case-number").get(0);
            CaseNumberScheme numbers = numbers(scheme, scheme.attr("pattern"));
            ZoneId zone = ZoneId.of("UTC");
            try {
                zone = ZoneId.of(c.attributes().getOrDefault("time-zone", "UTC"));
            } catch (DateTimeException e) {
                problem(c, "time-zone '" + c.attr("time-zone") + "' is not a time zone id such as Europe/Brussels");
            }
            Set<String> criterionIds = new HashSet<>();
            List<AlertCriterion> criteria = new ArrayList<>();
            for (Element a : c.all("alert-criterion")) {
                unique(criterionIds, a, "alert criterion");
                criteria.add(criterion(a, fieldIds));
            }
            List<Element> plans = c.all("alert-plan");
            AlertPlan plan = plans.isEmpty() ? null : plan(plans.get(0), criteria, languages);
            Set<String> sectionIds = new HashSet<>();
            List<CaseSection> sections = new ArrayList<>();
            for (Element section : c.all("section")) {
                unique(sectionIds, section, "section");
                List<String> shown = new ArrayList<>();
                for (Element show : section.all("show")) {
                    if (!fieldIds.contains(show.attr("field"))) {
                        problem(show, "section '" + section.attr("id") + "' shows field '" + show.attr("field")
                                + "', which is not declared");
                    }
                    shown.add(show.attr("field"));
                }
                sections.add(new CaseSection(section.attr("id"), shown, section.labels()));
            }
            List<Element> hubs = c.all("hub");
            Hub hub = hubs.isEmpty() ? null : hub(hubs.get(0), fieldIds);
            return new Center(c.attr("id"), c.attr("name"), c.attr("country"), zone, languages, hotlines, numbers,
                    fields, categories, workflows, criteria, sections, hub, plugin, plan);
        }

        private CaseNumberScheme numbers(Element where, String pattern) {
            try {
                return new CaseNumberScheme(pattern);
            } catch (IllegalArgumentException e) {
                problem(where, e.getMessage());
                return null;
            }
        }

        private AlertCriterion criterion(Element a, Set<String> fieldIds) {
            AlertCriterion.Rule rule = AlertCriterion.Rule.valueOf(a.attr("rule").toUpperCase(Locale.ROOT).replace('-', '_'));
            String field = a.attr("field");
            String value = a.attr("value");
            String what = "alert criterion '" + a.attr("id") + "'";
            if (rule == AlertCriterion.Rule.CHILD_AGE_BELOW) {
                if (value == null || !value.matches("\\d{1,2}")) {
                    problem(a, what + " needs value=\"<age in years>\"");
                }
            } else if (field == null) {
                problem(a, what + " needs the field it reads");
            } else if (!fieldIds.contains(field)) {
                problem(a, what + " reads field '" + field + "', which is not declared");
            }
            if (rule == AlertCriterion.Rule.FIELD_EQUALS && value == null) {
                problem(a, what + " needs the value that meets it");
            }
            return new AlertCriterion(a.attr("id"), rule, field, value, a.labels());
        }

        private AlertPlan plan(Element p, List<AlertCriterion> criteria, List<String> languages) {
            if (criteria.isEmpty()) {
                problem(p, "the alert plan has no criteria: declare them as <alert-criterion> elements before it");
            }
            Element event = p.all("event").get(0);
            Element area = p.all("area").get(0);
            for (Element labelled : List.of(event, area)) {
                List<String> missing = languages.stream().filter(l -> !labelled.labels().byLanguage().containsKey(l))
                        .toList();
                if (!missing.isEmpty()) {
                    problem(labelled, "the alert plan's " + labelled.name() + " needs a label in every language of"
                            + " the center, for the CAP message in that language; missing: " + String.join(", ", missing));
                }
            }
            Element code = p.all("event-code").get(0);
            List<AlertPlan.Code> geocodes = area.all("geocode").stream()
                    .map(g -> new AlertPlan.Code(g.attr("value-name"), g.attr("value"))).toList();
            return new AlertPlan(criteria, roles(p.attr("request")), roles(p.attr("decide")), event.labels(),
                    new AlertPlan.Code(code.attr("value-name"), code.attr("value")),
                    new AlertPlan.Area(area.labels(), geocodes));
        }

        private static Set<Role> roles(String list) {
            return Arrays.stream(list.trim().split("\\s+")).map(Role::valueOf).collect(java.util.stream.Collectors.toSet());
        }

        private Hub hub(Element h, Set<String> fieldIds) {
            Map<String, Hub.CountryRules> countries = new LinkedHashMap<>();
            for (Element country : h.all("country")) {
                String code = country.attr("code");
                if (countries.containsKey(code)) {
                    problem(country, "hub rules for country " + code + " are declared twice");
                }
                List<String> required = new ArrayList<>();
                for (Element r : country.all("requires-at-intake")) {
                    if (!fieldIds.contains(r.attr("field"))) {
                        problem(r, "country " + code + " requires field '" + r.attr("field") + "', which is not declared");
                    }
                    required.add(r.attr("field"));
                }
                List<String> languages = country.all("language").stream().map(l -> l.attr("code")).toList();
                countries.put(code, new Hub.CountryRules(code, languages, numbers(country, country.attr("case-number")), required));
            }
            Hub.Routing routing = Hub.Routing.valueOf(h.attributes().getOrDefault("routing", "transfer").toUpperCase(Locale.ROOT));
            // the deployment's configuration names the members; until it does, every country with rules is one
            return new Hub(List.copyOf(countries.keySet()), routing, countries);
        }

        private FieldDefinition field(Element f) {
            FieldType type = FieldType.valueOf(f.attr("type").toUpperCase(Locale.ROOT));
            List<String> choices = f.all("choice").stream().map(ch -> ch.attr("value")).toList();
            if (type == FieldType.CHOICE && choices.isEmpty()) {
                problem(f, "choice field '" + f.attr("id") + "' declares no <choice> values");
            } else if (type != FieldType.CHOICE && !choices.isEmpty()) {
                problem(f, "field '" + f.attr("id") + "' is of type " + f.attr("type") + " and cannot have choices");
            }
            int maxLength = Integer.parseInt(f.attributes().getOrDefault("max-length", "500"));
            return new FieldDefinition(f.attr("id"), type, choices, maxLength, f.labels());
        }

        private Workflow workflow(Element w, Set<String> fieldIds) {
            String where = "workflow '" + w.attr("id") + "'";
            Set<String> stateIds = new LinkedHashSet<>();
            List<WorkflowState> states = new ArrayList<>();
            String initial = null;
            for (Element s : w.all("state")) {
                unique(stateIds, s, "state");
                List<String> required = new ArrayList<>();
                for (Element r : s.all("requires")) {
                    if (!fieldIds.contains(r.attr("field"))) {
                        problem(r, "state '" + s.attr("id") + "' requires field '" + r.attr("field")
                                + "', which is not declared");
                    }
                    required.add(r.attr("field"));
                }
                if (Boolean.parseBoolean(s.attr("initial"))) {
                    if (initial != null) {
                        problem(s, where + " has more than one initial state ('" + initial + "' and '" + s.attr("id") + "')");
                    }
                    initial = s.attr("id");
                }
                states.add(new WorkflowState(s.attr("id"), Boolean.parseBoolean(s.attr("terminal")), required, s.labels()));
            }
            if (initial == null) {
                problem(w, where + " has no initial state (mark one state initial=\"true\")");
            }
            Set<String> actionIds = new HashSet<>();
            List<WorkflowAction> actions = new ArrayList<>();
            for (Element a : w.all("action")) {
                unique(actionIds, a, "action");
                Set<String> from = new LinkedHashSet<>(Arrays.asList(a.attr("from").trim().split("\\s+")));
                for (String state : from) {
                    if (!stateIds.contains(state)) {
                        problem(a, "action '" + a.attr("id") + "' starts from unknown state '" + state + "'");
                    }
                }
                if (!stateIds.contains(a.attr("to"))) {
                    problem(a, "action '" + a.attr("id") + "' goes to unknown state '" + a.attr("to") + "'");
                }
                actions.add(new WorkflowAction(a.attr("id"), from, a.attr("to"), a.labels()));
            }
            Set<String> slaIds = new HashSet<>();
            List<SlaDefinition> slas = new ArrayList<>();
            for (Element sla : w.all("sla")) {
                unique(slaIds, sla, "SLA");
                Set<String> metBy = new LinkedHashSet<>(Arrays.asList(sla.attr("met-by").trim().split("\\s+")));
                for (String state : concat(sla.attr("start"), metBy)) {
                    if (!stateIds.contains(state)) {
                        problem(sla, "SLA '" + sla.attr("id") + "' names unknown state '" + state + "'");
                    }
                }
                slas.add(new SlaDefinition(sla.attr("id"), Duration.ofHours(Long.parseLong(sla.attr("hours"))),
                        sla.attr("start"), metBy, sla.attributes().getOrDefault("escalate-to", "supervisor"), sla.labels()));
            }
            int version = Integer.parseInt(w.attr("version"));
            List<WorkflowMigration> migrations = new ArrayList<>();
            for (Element m : w.all("migration")) {
                int from = Integer.parseInt(m.attr("from-version"));
                if (from >= version) {
                    problem(m, "a migration onto version " + version + " must come from an older version, not " + from);
                }
                Map<String, String> map = new LinkedHashMap<>();
                for (Element st : m.all("state")) {
                    if (!stateIds.contains(st.attr("to"))) {
                        problem(st, "migration from version " + from + " moves '" + st.attr("from")
                                + "' to unknown state '" + st.attr("to") + "'");
                    }
                    map.put(st.attr("from"), st.attr("to"));
                }
                migrations.add(new WorkflowMigration(from, map));
            }
            return new Workflow(w.attr("id"), version, initial, states, actions, slas, migrations);
        }

        private static List<String> concat(String first, Set<String> rest) {
            List<String> all = new ArrayList<>(List.of(first));
            all.addAll(rest);
            return all;
        }

        private void unique(Set<String> seen, Element e, String what) {
            if (!seen.add(e.attr("id"))) {
                problem(e, what + " '" + e.attr("id") + "' is declared twice");
            }
        }

        private void problem(Element e, String message) {
            problems.add(new DeclarationProblem(file, e.line(), e.column(), message));
        }
    }
}
