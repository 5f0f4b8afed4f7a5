package fr.coordo.patient;

/** A caregiver, the personne de confiance or a family referent, as the coordinator writes them down. */
public record Contact(Kind kind, String name, String link, String phone, String email) {

    public enum Kind {
        AIDANT("Aidant"), CONFIANCE("Personne de confiance"), REFERENT("Référent familial");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Name, link and contact on one line: « Paul Martin (fils) — 06 12 34 56 78 ». */
    public String summary() {
        StringBuilder sb = new StringBuilder(name);
        if (link != null && !link.isBlank()) {
            sb.append(" (").append(link).append(')');
        }
        String contact = String.join(" · ", java.util.stream.Stream.of(phone, email)
                .filter(s -> s != null && !s.isBlank()).toList());
        if (!contact.isEmpty()) {
            sb.append(" — ").append(contact);
        }
        return sb.toString();
    }
}
