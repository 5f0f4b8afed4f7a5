package fr.coordo.payment;

import fr.coordo.agenda.AgendaService;
import fr.coordo.agenda.AppointmentInput;
import fr.coordo.agenda.AppointmentKind;
import fr.coordo.agenda.Place;
import fr.coordo.patient.PatientInput;
import fr.coordo.patient.PatientService;
import fr.coordo.patient.PatientStatus;
import fr.coordo.pathway.ConsentForm;
import fr.coordo.pathway.EndReason;
import fr.coordo.pathway.InclusionInput;
import fr.coordo.pathway.PathwayFixtures;
import fr.coordo.pathway.PaymentChannel;
import fr.coordo.pathway.ProjectInput;
import fr.coordo.plan.PlanFixtures;
import fr.coordo.store.Database;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A structure with a projet réputé validé since May 2026 (the fixture's obesity type: 1 126 € for profile P1, no
 * participation, split médecin 25 / diététicien 20 / enseignant APA 20 / psychologue 20 / coordination 15) and
 * helpers to add episodes ended on a given day, with or without appointments.
 */
public final class PaymentFixtures {
    public static final LocalDate TODAY = PathwayFixtures.TODAY;
    /** Transmitted on 02/03/2026: réputé validé from 03/05/2026. */
    public static final LocalDate TRANSMITTED = LocalDate.of(2026, 3, 2);
    public static final List<String> ALL_CRITERIA = List.of("adulte", "obesite_complexe", "evaluation", "prescription");

    public final PathwayFixtures f;
    public final Database db;
    public final PaymentService payments;
    public final AgendaService agenda;
    public final PatientService patients;
    public final int project;
    private int patientCount;

    public PaymentFixtures(Database db) {
        this(db, PaymentChannel.STRUCTURE);
    }

    public PaymentFixtures(Database db, PaymentChannel channel) {
        this.db = db;
        f = new PathwayFixtures(db);
        payments = new PaymentService(db, f.clock);
        agenda = new AgendaService(db, f.clock);
        patients = new PatientService(db, f.clock);
        project = transmitted(channel, TRANSMITTED);
    }

    /** A projet of the fixture's team paid through {@code channel}, transmitted on {@code on}. */
    public int transmitted(PaymentChannel channel, LocalDate on) {
        ProjectInput in = f.input();
        int id = f.projects.create(new ProjectInput(in.pcrTypeVersionId(), in.plannedStart(), in.expectedPatients(), in.territory(),
                channel, in.members()));
        f.projects.markReady(id);
        f.signAll(id, on.minusDays(3));
        f.projects.transmit(id, on);
        return id;
    }

    /** A new patient with a NIR, or none when {@code withNir} is false. */
    public int patient(String birthName, String firstNames, boolean withNir) {
        patientCount++;
        LocalDate birth = LocalDate.of(1960 + patientCount % 30, 1 + patientCount % 12, 1 + patientCount % 27);
        boolean woman = patientCount % 2 == 0;
        return patients.add(new PatientInput(birthName, null, firstNames, birth, woman ? "F" : "M",
                withNir ? PlanFixtures.nir(woman, birth, 100 + patientCount) : null, "1 rue du Parc", "37000", "Tours", null, null, null,
                null, null, null, false, null, false, null, false, TODAY.minusYears(1), "Formulaire remis", TODAY.minusYears(1),
                "Note remise", PatientStatus.SUIVI, null, null, List.of()), Set.of());
    }

    /** An episode of profile P1 in {@code projectId}, decided and started on {@code start}, ended (terminé) on {@code end}. */
    public int episode(int projectId, int patientId, LocalDate start, LocalDate end) {
        int id = f.episodes.include(new InclusionInput(patientId, projectId, "P1", ALL_CRITERIA, f.pros.get("medecin"), null, null, null,
                start, start.minusDays(2), start, ConsentForm.ECRIT, false), start);
        if (end != null) {
            f.episodes.end(id, end, EndReason.TERMINE, null);
        }
        return id;
    }

    /** An episode in the main projet, for a new patient, ended on {@code end} after 4 months. */
    public int episode(String patientName, LocalDate end) {
        return episode(project, patient(patientName, "Jeanne", true), end.minusMonths(4), end);
    }

    /** One appointment of the patient with each of {@code professionals} on {@code day}. */
    public void seen(int patientId, LocalDate day, int... professionals) {
        for (int p : professionals) {
            agenda.create(AppointmentInput.of(patientId, List.of(p), day.atTime(9 + p % 8, 0), Duration.ofMinutes(30),
                    AppointmentKind.CONSULTATION, Place.MSP), null);
        }
    }

    /** Every professional of the fixture, seen once with the patient of episode {@code episodeId} on {@code day}. */
    public void seenByAll(int patientId, LocalDate day) {
        seen(patientId, day, f.pros.values().stream().mapToInt(Integer::intValue).toArray());
    }

    public int pro(String profession) {
        return f.pros.get(profession);
    }
}
