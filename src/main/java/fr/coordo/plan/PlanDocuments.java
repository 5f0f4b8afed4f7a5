package fr.coordo.plan;

import fr.coordo.document.Documents;
import fr.coordo.patient.Patient;
import fr.coordo.patient.PatientService;
import fr.coordo.store.Database;
import fr.coordo.store.StoreException;
import fr.coordo.team.StructureInput;
import fr.coordo.team.StructureService;
import fr.coordo.team.TeamService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Collectors;

/** Printing the plan: reads a snapshot, renders it with {@link PlanPdf}, writes the file and audits the print. */
public final class PlanDocuments {
    private final Database db;
    private final Clock clock;

    public PlanDocuments(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public PlanDocuments(Database db) {
        this(db, Clock.system(Database.ZONE));
    }

    /**
     * What the PDF of one version is built from. {@code versionNumber} null means the version in force, else the
     * draft (a first version not validated yet). Refused with a French message when the plan or version does not exist.
     */
    public PlanSnapshot snapshot(int planId, Integer versionNumber) {
        Plan plan = new PlanService(db, clock).find(planId).orElseThrow(() -> new StoreException("Ce plan n'existe plus."));
        PlanVersion version = versionNumber == null ? PlanSnapshot.defaultVersion(plan) : plan.version(versionNumber)
                .orElseThrow(() -> new StoreException("Le plan " + plan.reference() + " n'a pas de version " + versionNumber
                        + " (versions existantes : " + plan.versions().stream().map(v -> String.valueOf(v.version()))
                        .collect(Collectors.joining(", ")) + ")."));
        Patient patient = new PatientService(db, clock).find(plan.patientId()).orElseThrow();
        String structure = new StructureService(db, clock).load().map(StructureInput::name).orElse(null);
        return new PlanSnapshot(plan, version, patient, new TeamService(db, clock).all(), structure);
    }

    /** The snapshot of a printed reference: « PPS-2026-0007 » (version in force, else draft) or « PPS-2026-0007/v1 ». */
    public PlanSnapshot snapshot(String reference) {
        PlanService.Ref ref = PlanService.Ref.parse(reference).orElseThrow(() -> new StoreException("« " + reference
                + " » n'est pas une référence de plan : attendu PPS-AAAA-NNNN, ou PPS-AAAA-NNNN/vN pour une version."));
        Plan plan = new PlanService(db, clock).byReference(ref.plan())
                .orElseThrow(() -> new StoreException("Aucun plan ne porte la référence " + ref.plan() + " dans cette base."));
        return snapshot(plan.id(), ref.version());
    }

    /**
     * Renders the version, writes it to {@code out} complete or not at all, and records the print in the audit trail
     * (plan, version, file and kind of copy: never the person's name or NIR). Without {@code replace}, an existing
     * file is refused; the window passes true for a file the user chose in a save dialog.
     */
    public Path export(int planId, Integer versionNumber, boolean social, Path out, boolean replace) {
        return export(snapshot(planId, versionNumber), social, out, replace);
    }

    public Path export(PlanSnapshot snapshot, boolean social, Path out, boolean replace) {
        byte[] pdf = PlanPdf.render(snapshot, social, clock);
        Path target = out.toAbsolutePath().normalize();
        Documents.writeAtomically(target, pdf, replace);
        new PlanService(db, clock).recordPrint(snapshot.plan().id(), snapshot.version().version(), target.toString(), social);
        return target;
    }
}
