package fr.coordo.document;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** A multi-page document exercising every helper, for the tests and for looking at the result. */
final class SampleDocuments {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-12T12:30:00Z"), ZoneOffset.UTC);
    static final String LONG_CELL = longText();

    private SampleDocuments() {}

    static byte[] plan(Clock clock, String snapshot, int teamRows) {
        DocumentInfo info = DocumentInfo.of("Plan personnalisé de coordination en santé — Mme Hélène Lefèvre",
                "Plan personnalisé — version 3 du 12/05/2026", clock, snapshot).withAuthor("MSP des Coteaux");
        Table.Builder team = Table.builder()
                .column("Professionnel", 3)
                .column("Profession", 2.9f)
                .column("RPPS", 2.4f)
                .column("Rôle et séquences", 3.5f)
                .column("Forfait", 2, Table.Align.RIGHT)
                .column("Notifié", 1.6f, Table.Align.CENTER);
        for (int i = 1; i <= teamRows; i++) {
            if (i == 1 || i == teamRows / 2) {
                team.group(i == 1 ? "Référents du parcours" : "Autres membres de l’équipe");
            }
            team.row("Dr Françoise Bénédicte Œuvray-Nº" + i, i % 3 == 0 ? "Masseur-kinésithérapeute" : "Médecin généraliste",
                    String.valueOf(10_000_000_000L + i * 7919L),
                    i % 4 == 0 ? "Référent du parcours ; séquences « bilan », « suivi » et « réévaluation à 6 mois »"
                            : "Séquence « suivi »",
                    String.format(java.util.Locale.FRANCE, "%,.2f\u00a0€", 1234.5 + i), i % 2 == 0 ? PdfDocument.CHECKED : PdfDocument.UNCHECKED);
        }
        return PdfDocument.create(info)
                .title("Plan personnalisé de coordination en santé", "Mme Hélène Lefèvre — née le 03/02/1941")
                .notice("BROUILLON — document d'essai : ce cadre doit se voir même imprimé en noir et blanc.")
                .section("1. La personne et ses contacts utiles")
                .fields(List.of(
                        new Field("Nom d’usage", "LEFÈVRE Hélène, née GARÇON"),
                        new Field("Adresse", "12, rue de l’Église\n69000 Lyon"),
                        new Field("Personne de confiance", "M. Jérôme Lefèvre (fils) — 06 12 34 56 78 — disponible le soir, "
                                + "prévenir avant toute hospitalisation programmée ou changement de traitement"),
                        new Field("Médecin traitant", "Dr Anaïs Dupré-Kœnig")))
                .subsection("Souhaits exprimés")
                .paragraph("Mme Lefèvre souhaite rester à domicile « aussi longtemps que possible ». Elle accepte le passage "
                        + "d’une infirmière deux fois par jour et la livraison des repas. Coût estimé du reste à charge : 45,50 € "
                        + "par mois… À réévaluer après l’été, pour être sûr du maintien à domicile.\nDeuxième ligne après un retour à la ligne explicite.")
                .bullets(List.of("Maintenir l’autonomie pour la toilette et l’habillage",
                        "Prévenir les chutes : aménagement de la salle de bains, téléalarme, kinésithérapie deux fois par semaine, "
                                + "révision des traitements sédatifs"))
                .section("2. Composition de l’équipe")
                .paragraph("Une ligne par professionnel ; les forfaits sont indiqués en euros.")
                .table(team.build())
                .section("3. Observations")
                .table(Table.builder().column("Date", 1).column("Observation", 5)
                        .row("12/05/2026", LONG_CELL).row("13/05/2026", "Fin.").build())
                .section("4. Liste de contrôle")
                .checklist(List.of(new CheckItem("Consentement recueilli et tracé", true),
                        new CheckItem("Ordre notifié pour chaque professionnel", false)))
                .section("5. Signatures")
                .signatureBlocks(List.of(new Signatory("Dr Anaïs Dupré-Kœnig", "Médecin traitant", LocalDate.of(2026, 5, 12)),
                        new Signatory("Mme Hélène Lefèvre", "Patiente", null),
                        new Signatory("M. Noël Brûlé", "Représentant légal de la SISA des Coteaux", null)))
                .toBytes();
    }

    private static String longText() {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 140; i++) {
            sb.append("Phrase numéro ").append(i).append(" d’une observation très détaillée sur l’évolution à domicile. ");
        }
        return sb.toString().strip();
    }
}
