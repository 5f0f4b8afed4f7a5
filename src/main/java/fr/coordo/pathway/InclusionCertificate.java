package fr.coordo.pathway;

import static fr.coordo.pathway.DeclarationPdf.date;
import static fr.coordo.pathway.DeclarationPdf.notBlank;
import static fr.coordo.pathway.DeclarationPdf.orDash;

import fr.coordo.document.CheckItem;
import fr.coordo.document.DocumentScript;
import fr.coordo.document.Field;
import fr.coordo.document.Fingerprint;
import fr.coordo.document.Signatory;
import fr.coordo.document.Table;
import fr.coordo.patient.Patient;
import fr.coordo.team.Professional;
import fr.coordo.team.StructureInput;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The inclusion certificate of a patient in a PCR (R.162-138) as a PDF/A-2b: the structure, the patient, the
 * parcours and profile, the eligibility criteria ticked, who decided and which doctor validated, the information
 * and the consent, the séquences, and the signature blocks of the deciding professional and the validating doctor.
 *
 * <p>The patient is named on every page (pages may come apart) but never in the file name; the NIR is printed
 * masked (« 2 85 05 ** *** *** 34 »), as on every printout: the name and birth date identify the patient.
 */
public final class InclusionCertificate {
    public static final String TITLE = "Attestation d'inclusion — parcours coordonné renforcé";

    private InclusionCertificate() {}

    /** {@code patient} is the episode's patient as stored ({@code PatientService.find}): name, birth date, masked NIR. */
    public static byte[] render(Episode e, Patient patient, StructureInput s, Clock clock) {
        return script(e, patient, s).render(documentTitle(e), footerLine(e), author(s), clock);
    }

    public static String fingerprint(Episode e, Patient patient, StructureInput s) {
        return Fingerprint.of(script(e, patient, s).snapshotText(documentTitle(e), footerLine(e), author(s)));
    }

    private static String documentTitle(Episode e) {
        return "Attestation d'inclusion — " + e.patientName();
    }

    /** « Attestation d'inclusion EP-2026-0001 — projet PP-2026-001 ». */
    private static String footerLine(Episode e) {
        return "Attestation d'inclusion " + e.reference() + " — projet " + e.projectReference() + " — " + e.type().label();
    }

    private static String author(StructureInput s) {
        return s == null ? null : s.name();
    }

    private static DocumentScript script(Episode e, Patient patient, StructureInput s) {
        PcrType type = e.type().type();
        DocumentScript doc = new DocumentScript();
        doc.title(TITLE, "« " + type.label() + " » — " + e.patientName() + "\nÉpisode " + e.reference() + ", décision du " + date(e.decidedOn()));

        doc.section("1. Structure responsable de la coordination");
        List<Field> structure = new ArrayList<>();
        if (s == null) {
            structure.add(new Field("Structure", "non renseignée"));
        } else {
            structure.add(new Field("Raison sociale", orDash(s.name())));
            structure.add(new Field("SIRET", orDash(s.siret())));
            if (notBlank(s.finess())) {
                structure.add(new Field("FINESS", s.finess().strip()));
            }
            String city = String.join(" ", java.util.stream.Stream.of(s.postalCode(), s.city()).filter(DeclarationPdf::notBlank).toList());
            structure.add(new Field("Adresse", String.join("\n", java.util.stream.Stream.of(s.address(), city)
                    .filter(DeclarationPdf::notBlank).toList())));
            String contact = String.join(" — ", java.util.stream.Stream.of(s.phone(), s.email()).filter(DeclarationPdf::notBlank).toList());
            if (!contact.isEmpty()) {
                structure.add(new Field("Contact", contact));
            }
        }
        structure.add(new Field("Projet de parcours", e.projectReference()));
        doc.fields(structure);

        doc.section("2. Patient");
        List<Field> who = new ArrayList<>();
        who.add(new Field("Nom et prénoms", e.patientName()));
        who.add(new Field("Date de naissance", patient == null || patient.data().birthDate() == null ? "—" : patient.birthDateText()));
        String nir = patient == null ? "" : patient.maskedNir();
        who.add(new Field("N° de sécurité sociale", nir.isEmpty() ? "non renseigné" : nir + " (masqué)"));
        doc.fields(who);

        doc.section("3. Parcours et profil");
        List<Field> pathway = new ArrayList<>();
        pathway.add(new Field("Type de parcours", type.label()));
        pathway.add(new Field("Arrêté", orDash(type.arreteReference()) + type.arreteDay().map(a -> " — arrêté du " + date(a)).orElse("")));
        pathway.add(new Field("Profil", e.profileCode() + " — " + e.profileLabel()));
        pathway.add(new Field("Forfait", Money.format(type.forfait(e.profileCode(), e.overseas()).orElse(null))
                + (e.overseas() ? " (majoration outre-mer comprise)" : "")));
        pathway.add(new Field("Épisode", e.reference() + " — " + e.state().label().toLowerCase(java.util.Locale.FRENCH)
                + (e.startOn() == null ? "" : ", commencé le " + date(e.startOn()))
                + (e.endOn() == null ? "" : ", clos le " + date(e.endOn()) + (e.endReason() == null ? "" : " (" + e.endReason().label() + ")"))));
        doc.fields(pathway);

        doc.section("4. Critères d'éligibilité");
        List<CheckItem> criteria = new ArrayList<>();
        for (PcrType.Criterion c : type.criteria()) {
            criteria.add(new CheckItem(c.label(), e.criteria().contains(c.code())));
        }
        doc.checklist(criteria);

        doc.section("5. Décision d'inclusion (article R.162-138 du code de la sécurité sociale)");
        Professional decider = e.decidedBy();
        boolean selfValidated = decider != null && e.validatingDoctor() != null && e.validatingDoctor().id() == decider.id();
        doc.fields(List.of(
                new Field("Décision prise par", decider == null ? "—" : professional(decider)),
                new Field("Médecin validant", selfValidated ? "le médecin qui a pris la décision" : e.validatingDoctorText()),
                new Field("Date de la décision", date(e.decidedOn()))));
        doc.paragraph("L'inclusion, décidée par un professionnel de la structure et prise ou validée par un médecin, vaut prescription "
                + "des actes de l'équipe réalisés dans le parcours.");

        doc.section("6. Information et consentement du patient");
        doc.fields(List.of(
                new Field("Information délivrée le", orDash(date(e.informedOn()))),
                new Field("Consentement recueilli le", orDash(date(e.consentOn()))),
                new Field("Forme du consentement", e.consentForm() == null ? "—" : e.consentForm().label())));
        doc.paragraph("Le patient a consenti à l'organisation de son parcours par l'équipe et au partage de ses données de santé entre "
                + "les professionnels de l'équipe de soins (articles L.1110-4 et L.1110-12 du code de la santé publique). Il peut "
                + "quitter le parcours à tout moment.");

        doc.section("7. Séquences");
        if (e.sequences().isEmpty()) {
            doc.paragraph("L'épisode n'a pas encore commencé : ses séquences seront planifiées à son début.");
            Table.Builder t = Table.builder().column("Séquence", 5).column("Durée prévue", 1.6f, Table.Align.CENTER);
            type.orderedSequences().forEach(q -> t.row(q.code() + " — " + q.label(), DeclarationPdf.months(q.durationMonths())));
            doc.table(t.build());
        } else {
            Table.Builder t = Table.builder().column("Séquence", 4).column("Début prévu", 1.5f, Table.Align.CENTER)
                    .column("Fin prévue", 1.5f, Table.Align.CENTER).column("Début réel", 1.5f, Table.Align.CENTER)
                    .column("Fin réelle", 1.5f, Table.Align.CENTER);
            e.sequences().forEach(q -> t.row(q.code() + " — " + q.label(), date(q.plannedStart()), date(q.plannedEnd()),
                    date(q.actualStart()), date(q.actualEnd())));
            doc.table(t.build());
        }

        doc.section("8. Signatures");
        List<Signatory> sign = new ArrayList<>();
        if (decider != null) {
            sign.add(new Signatory(decider.displayName(), (selfValidated ? "Médecin ayant décidé et validé l'inclusion"
                    : "Professionnel ayant décidé l'inclusion (" + decider.professionLabel() + ")")
                    + (decider.rpps() == null ? "" : " — RPPS " + decider.rpps()), null));
        }
        if (!selfValidated) {
            Professional doctor = e.validatingDoctor();
            String name = doctor != null ? doctor.displayName() : orDash(e.externalDoctorName());
            String rpps = doctor != null ? doctor.rpps() : e.externalDoctorRpps();
            sign.add(new Signatory(name, "Médecin validant" + (doctor == null ? " extérieur à la structure" : "")
                    + (notBlank(rpps) ? " — RPPS " + rpps.strip() : ""), null));
        }
        doc.signatures(sign);
        return doc;
    }

    private static String professional(Professional p) {
        return p.displayName() + " — " + DeclarationPdf.profession(p) + (p.rpps() == null ? "" : " — RPPS " + p.rpps());
    }
}
