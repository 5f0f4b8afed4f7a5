package fr.coordo.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.coordo.store.AuditAction;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The audit trail in words: « Plan de soins imprimé », « Professionnel modifié : téléphone ». */
public final class AuditTexts {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FIELDS_NAMED = 4;
    private static final int VALUE_LENGTH = 60;
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})(?:T(\\d{2}:\\d{2})(?::[\\d.]+)?(?:Z|[+-]\\d{2}:\\d{2})?)?");
    private static final Pattern WRAPPED_CHANGE = Pattern.compile("Change\\[before=(.*), after=(.*)\\]");
    /** Stored codes as the window words them: « REALISE » → « Réalisé », « COORDINATEUR » → « coordinateur·rice ». */
    private static final Map<String, String> CODES = codes();

    private static Map<String, String> codes() {
        Map<String, String> m = new java.util.HashMap<>();
        List<fr.coordo.plan.Labels> labelled = new ArrayList<>();
        labelled.addAll(List.of(fr.coordo.agenda.AppointmentStatus.values()));
        labelled.addAll(List.of(fr.coordo.agenda.AppointmentKind.values()));
        labelled.addAll(List.of(fr.coordo.agenda.Place.values()));
        for (fr.coordo.plan.Labels l : labelled) {
            m.putIfAbsent(((Enum<?>) l).name(), l.label());
        }
        for (fr.coordo.store.Role r : fr.coordo.store.Role.values()) {
            m.putIfAbsent(r.name(), r.label());
        }
        return Map.copyOf(m);
    }

    private AuditTexts() {}

    /** What an entity is called, and how its participle agrees (masculine/feminine, singular/plural). */
    private record Noun(String label, boolean feminine, boolean plural) {}

    private static final Map<String, Noun> ENTITIES = Map.ofEntries(
            Map.entry("patient", m("Patient")),
            Map.entry("care_plan", m("Plan de soins")),
            Map.entry("plan_version", f("Version du plan de soins")),
            Map.entry("plan_step", m("Point d'étape du plan")),
            Map.entry("plan_action_update", m("Suivi d'une action du plan")),
            Map.entry("professional", m("Professionnel")),
            Map.entry("team_membership", f("Période d'appartenance à l'équipe")),
            Map.entry("team", f("Équipe")),
            Map.entry("structure", f("Structure")),
            Map.entry("appointment", m("Rendez-vous")),
            Map.entry("agenda", m("Agenda")),
            Map.entry("opening_hours", new Noun("Horaires d'ouverture", false, true)),
            Map.entry("pathway_project", m("Projet de parcours")),
            Map.entry("pathway_project_version", f("Version du projet de parcours")),
            Map.entry("pathway_member", m("Membre du projet de parcours")),
            Map.entry("pcr_type_version", f("Version d'un type de parcours")),
            Map.entry("pcr_episode", m("Épisode de parcours")),
            Map.entry("pcr_episode_sequence", f("Séquence d'épisode")),
            Map.entry("payment_order", m("Ordre de paiement")),
            Map.entry("payment_split", f("Répartition d'un forfait")),
            Map.entry("account", m("Compte")),
            Map.entry("database", f("Base de données")),
            Map.entry("demo", new Noun("Données de démonstration", true, true)),
            Map.entry("setting", m("Paramètre")));

    private static Noun m(String label) {
        return new Noun(label, false, false);
    }

    private static Noun f(String label) {
        return new Noun(label, true, false);
    }

    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("phone", "téléphone"), Map.entry("email", "courriel"), Map.entry("address", "adresse"),
            Map.entry("postal_code", "code postal"), Map.entry("city", "ville"), Map.entry("birth_name", "nom de naissance"),
            Map.entry("usage_name", "nom d'usage"), Map.entry("first_names", "prénoms"), Map.entry("first_name", "prénom"),
            Map.entry("last_name", "nom"), Map.entry("birth_date", "date de naissance"), Map.entry("sex", "sexe"),
            Map.entry("nir", "NIR"), Map.entry("ins", "INS"), Map.entry("iban", "IBAN"), Map.entry("bic", "BIC"),
            Map.entry("rpps", "RPPS"), Map.entry("adeli", "ADELI"), Map.entry("am_number", "numéro Assurance Maladie"),
            Map.entry("civility", "civilité"), Map.entry("profession_code", "profession"), Map.entry("specialty", "spécialité"),
            Map.entry("conventioned", "conventionnement"), Map.entry("practice_mode", "mode d'exercice"),
            Map.entry("employer_name", "employeur"), Map.entry("employer_siret", "SIRET de l'employeur"),
            Map.entry("mssante", "messagerie sécurisée"), Map.entry("notes", "notes"), Map.entry("occupation", "profession"),
            Map.entry("referring_physician_id", "médecin traitant"), Map.entry("outside_physician", "médecin traitant hors équipe"),
            Map.entry("ald", "ALD"), Map.entry("apa", "APA"), Map.entry("pension_fund", "caisse de retraite"),
            Map.entry("housing_search", "recherche de logement"), Map.entry("consent_plan_on", "consentement au plan"),
            Map.entry("consent_sharing_on", "consentement au partage"), Map.entry("status", "statut"),
            Map.entry("contacts", "entourage"), Map.entry("reference", "référence"), Map.entry("version", "version"),
            Map.entry("closed_on", "clôture"), Map.entry("closed_reason", "motif de clôture"), Map.entry("validated_on", "validation"),
            Map.entry("revision_reason", "motif de révision"), Map.entry("start_on", "début"), Map.entry("end_on", "fin"),
            Map.entry("start_date", "début"), Map.entry("end_date", "fin"), Map.entry("starts_at", "horaire"),
            Map.entry("signed_on", "signature"), Map.entry("file", "fichier"), Map.entry("destination", "destination"),
            Map.entry("document", "document"), Map.entry("scope", "portée"), Map.entry("count", "nombre"),
            Map.entry("patient_id", "patient"), Map.entry("plan_id", "plan"), Map.entry("professional_id", "professionnel"),
            Map.entry("display_name", "nom affiché"), Map.entry("login", "identifiant"), Map.entry("role", "rôle"),
            Map.entry("active", "actif"), Map.entry("password_changed", "mot de passe"), Map.entry("problems", "problèmes"),
            Map.entry("objectives", "objectifs"), Map.entry("actions", "actions"), Map.entry("coordinator_id", "coordinateur"),
            Map.entry("reevaluation_on", "réévaluation"), Map.entry("end_reason", "motif de fin"), Map.entry("channel", "circuit"),
            Map.entry("period", "période"), Map.entry("total", "total"), Map.entry("lines", "lignes"), Map.entry("format", "format"),
            Map.entry("kind", "type"), Map.entry("code", "code"), Map.entry("number", "numéro"), Map.entry("events", "événements"),
            Map.entry("appointments", "rendez-vous"), Map.entry("patients", "patients"), Map.entry("professionals", "professionnels"),
            Map.entry("plans", "plans"), Map.entry("fingerprint", "empreinte"), Map.entry("source", "source"),
            Map.entry("decision_on", "décision"), Map.entry("transmitted_on", "transmission"), Map.entry("project_id", "projet"),
            Map.entry("profile", "profil"), Map.entry("member_since", "membre depuis"), Map.entry("ald_list", "liste des ALD"),
            Map.entry("consent_plan_form", "formulaire de consentement au plan"),
            Map.entry("consent_sharing_form", "formulaire de consentement au partage"), Map.entry("copy", "exemplaire"),
            Map.entry("actual_start", "début réel"), Map.entry("actual_end", "fin réelle"), Map.entry("status_on", "date du statut"));

    /** The action's participle, agreed with the noun. */
    static String participle(AuditAction action, boolean feminine, boolean plural) {
        String stem = switch (action) {
            case CREATE -> "créé";
            case UPDATE -> "modifié";
            case DELETE -> "supprimé";
            case IMPORT -> "importé";
            case EXPORT -> "exporté";
            case PRINT -> "imprimé";
            case BACKUP -> "sauvegardé";
            case RESTORE -> "restauré";
        };
        return stem + (feminine ? "e" : "") + (plural ? "s" : "");
    }

    /** What the action is, as in a filter list: « Modification », « Impression »… */
    public static String actionName(AuditAction action) {
        return switch (action) {
            case CREATE -> "Création";
            case UPDATE -> "Modification";
            case DELETE -> "Suppression";
            case IMPORT -> "Import";
            case EXPORT -> "Export";
            case PRINT -> "Impression";
            case BACKUP -> "Sauvegarde";
            case RESTORE -> "Restauration";
        };
    }

    public static String entityLabel(String entity) {
        Noun n = ENTITIES.get(entity);
        return n != null ? n.label() : capitalise(entity.replace('_', ' '));
    }

    public static String fieldLabel(String field) {
        String label = FIELDS.get(field);
        if (label != null) {
            return label;
        }
        if (field.endsWith("_fingerprint")) {
            return "empreinte " + field.substring(0, field.length() - "_fingerprint".length()).toUpperCase(Locale.ROOT);
        }
        return field.replace('_', ' ');
    }

    /** « Professionnel modifié : téléphone, courriel », « Plan de soins imprimé ». */
    public static String description(String entity, AuditAction action, String changes) {
        // a professional is printed through their agenda sheet
        Noun n = "professional".equals(entity) && action == AuditAction.PRINT ? m("Agenda du professionnel")
                : ENTITIES.getOrDefault(entity, new Noun(entityLabel(entity), false, false));
        String text = n.label() + " " + participle(action, n.feminine(), n.plural());
        if (action == AuditAction.UPDATE) {
            List<String> fields = fields(changes);
            if (!fields.isEmpty()) {
                List<String> named = fields.stream().limit(FIELDS_NAMED).map(AuditTexts::fieldLabel).toList();
                text += " : " + String.join(", ", named) + (fields.size() > FIELDS_NAMED ? "…" : "");
            }
        }
        return text;
    }

    /** The object of an entry: « Plan de soins n° 12 », « Agenda ». */
    public static String object(String entity, String entityId) {
        String label = entityLabel(entity);
        return entityId == null || entityId.isBlank() ? label : label + " n° " + entityId;
    }

    /** The changes as read in the trail (sensitive values already masked): « téléphone : 01 02 → 06 07 ; ville : Tours ». */
    public static String detail(String changes) {
        JsonNode root = parse(changes);
        if (root == null || !root.isObject()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            String before = v.isArray() && v.size() > 0 ? value(v.get(0)) : null;
            String after = v.isArray() && v.size() > 1 ? value(v.get(1)) : value(v);
            String label = fieldLabel(e.getKey());
            if (before == null && after == null) {
                parts.add(label);
            } else if (before == null) {
                parts.add(label + " : " + after);
            } else {
                parts.add(label + " : " + before + " → " + (after == null ? "(vide)" : after));
            }
        }
        return String.join(" ; ", parts);
    }

    private static List<String> fields(String changes) {
        JsonNode root = parse(changes);
        List<String> names = new ArrayList<>();
        if (root != null && root.isObject()) {
            root.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    private static JsonNode parse(String changes) {
        if (changes == null || changes.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(changes);
        } catch (Exception e) {
            return null;
        }
    }

    private static String value(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue() ? "oui" : "non";
        }
        String s = v.isValueNode() ? v.asText() : v.toString();
        s = s.replaceAll("\\s+", " ").strip();
        // some entries were written with a whole change as the new value: its new side is what was meant
        Matcher wrapped = WRAPPED_CHANGE.matcher(s);
        if (wrapped.matches()) {
            s = wrapped.group(2).equals("null") ? wrapped.group(1) : wrapped.group(2);
        }
        s = CODES.getOrDefault(s, frenchDates(s));
        return s.length() > VALUE_LENGTH ? s.substring(0, VALUE_LENGTH - 1) + "…" : s;
    }

    /** « 2026-10-29 » and « 2026-10-29T12:00 » as French readers write them. */
    private static String frenchDates(String s) {
        Matcher m = ISO_DATE.matcher(s);
        if (!m.matches()) {
            return s;
        }
        String day = m.group(3) + "/" + m.group(2) + "/" + m.group(1);
        return m.group(4) == null ? day : day + " " + m.group(4);
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
