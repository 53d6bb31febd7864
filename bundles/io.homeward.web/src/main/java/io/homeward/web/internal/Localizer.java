package io.homeward.web.internal;

import io.homeward.casemodel.InvalidCaseException;
import io.homeward.casemodel.InvalidCaseException.Violation;
import io.homeward.casemodel.center.Center;
import io.homeward.casemodel.center.Workflow;
import io.homeward.casemodel.center.WorkflowState;
import io.homeward.casemodel.referral.MissingIdentifier;
import jakarta.servlet.http.HttpServletRequest;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.stream.Collectors;

/**
 * Puts validation problems into the user's language: one of the center's languages, chosen from the
 * request's {@code Accept-Language}. The messages are the platform's, one per problem code for every
 * center; the field and state names are the center's own labels. Problems without a code, and requests
 * asking for no language the center works in, stay in English.
 */
final class Localizer {

    private static final String BUNDLE = "io.homeward.web.internal.messages";
    private static final String CUSTOM_FIELD = "fields.";

    private Localizer() {
    }

    /** @return the center language an Accept-Language header prefers, or null when it prefers none of them */
    static String language(String header, Center center) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Locale.lookupTag(Locale.LanguageRange.parse(header), center.languages());
        } catch (IllegalArgumentException e) {
            return null; // a malformed header is no reason to fail the request
        }
    }

    /** @return a 422 answer listing the violations in the user's language */
    static ApiException localize(InvalidCaseException e, Center center, HttpServletRequest req) {
        return localize(e, center, req.getHeader("Accept-Language"));
    }

    /** @return a 422 answer listing the violations in the language the Accept-Language header prefers */
    static ApiException localize(InvalidCaseException e, Center center, String acceptLanguage) {
        String language = center == null ? null : language(acceptLanguage, center);
        if (language == null) {
            return new ApiException(422, e.getMessage(), e.violations());
        }
        List<Violation> localized = new ArrayList<>();
        for (Violation v : e.violations()) {
            localized.add(new Violation(v.field(), message(v, center, language), v.code(), v.arguments()));
        }
        String detail = localized.stream().map(Violation::message).collect(Collectors.joining("; "));
        return new ApiException(422, detail, localized, language);
    }

    /**
     * @param center the center of the case, or null
     * @return the missing identifiers of a referral pack with their messages in the language the Accept-Language
     *     header prefers among the center's, or as they are (English) when it prefers none of them
     */
    static List<MissingIdentifier> localize(List<MissingIdentifier> missing, Center center, String acceptLanguage) {
        String language = center == null ? null : language(acceptLanguage, center);
        if (language == null) {
            return missing;
        }
        return missing.stream().map(m -> new MissingIdentifier(m.code(), m.identifier(), message(new Violation(
                m.identifier(), m.message(), m.code(), List.of()), center, language))).toList();
    }

    private static String message(Violation v, Center center, String language) {
        if (v.code() == null) {
            return (v.field() == null ? "" : v.field() + ": ") + v.message();
        }
        String pattern;
        try {
            pattern = ResourceBundle.getBundle(BUNDLE, Locale.forLanguageTag(language), Localizer.class.getClassLoader())
                    .getString(v.code());
        } catch (MissingResourceException unknownCode) {
            return (v.field() == null ? "" : v.field() + ": ") + v.message();
        }
        List<Object> arguments = new ArrayList<>();
        arguments.add(fieldLabel(v.field(), center, language));
        for (String argument : v.arguments()) {
            arguments.add(v.code().equals("field.required-in-state") ? stateLabel(argument, center, language) : argument);
        }
        return new MessageFormat(pattern, Locale.forLanguageTag(language)).format(arguments.toArray());
    }

    private static String fieldLabel(String field, Center center, String language) {
        if (field == null) {
            return "";
        }
        String id = field.startsWith(CUSTOM_FIELD) ? field.substring(CUSTOM_FIELD.length()) : field;
        return center.field(id).map(f -> f.labels().in(List.of(language), id)).orElse(id);
    }

    private static String stateLabel(String stateId, Center center, String language) {
        for (Workflow workflow : center.workflows()) {
            for (WorkflowState state : workflow.states()) {
                if (state.id().equals(stateId)) {
                    return state.labels().in(List.of(language), stateId);
                }
            }
        }
        return stateId;
    }
}
