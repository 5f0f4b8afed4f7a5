package fr.coordo.pathway;

import fr.coordo.document.Documents;
import fr.coordo.identity.InputException;
import fr.coordo.identity.Issue;
import fr.coordo.patient.Patient;
import fr.coordo.patient.PatientService;
import fr.coordo.store.Audit;
import fr.coordo.store.AuditAction;
import fr.coordo.store.Database;
import fr.coordo.store.Permission;
import fr.coordo.team.StructureInput;
import fr.coordo.team.StructureService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parcours's printouts: the ARS declaration dossier of a projet version ({@link DeclarationPdf}) and a patient's
 * inclusion certificate ({@link InclusionCertificate}). Reads what they are built from, renders, writes the file
 * complete or not at all, and records each export or print in the audit trail with the document's fingerprint —
 * never a patient's name or NIR, which stay out of file names too.
 */
public final class PathwayDocuments {
    private final Database db;
    private final Clock clock;

    public PathwayDocuments(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public PathwayDocuments(Database db) {
        this(db, Clock.system(Database.ZONE));
    }

    // ---------------------------------------------------------------- the declaration dossier

    /**
     * The dossier of a version, for printing or previewing (nothing recorded: see {@link #recordDossierPrint}).
     * Refused with the list of gaps when a content gap remains, or when the projet or version does not exist.
     */
    public byte[] dossier(int projectId, int version) {
        return DeclarationPdf.render(new ProjectService(db, clock).declaration(projectId, version), clock);
    }

    /** Writes the dossier to {@code target}; an existing file is refused, never overwritten. */
    public Path saveDossier(int projectId, int version, Path target) {
        return saveDossier(projectId, version, target, false);
    }

    /**
     * Writes the dossier to {@code target} complete or not at all and records the export. With a content gap nothing is
     * written. Without {@code replace}, an existing file is refused; the window passes true for a file the user chose
     * in a save dialog, which already asked.
     */
    public Path saveDossier(int projectId, int version, Path target, boolean replace) {
        Declaration d = new ProjectService(db, clock).declaration(projectId, version);
        byte[] pdf = DeclarationPdf.render(d, clock);
        Path file = target.toAbsolutePath().normalize();
        Documents.writeAtomically(file, pdf, replace);
        record(d, AuditAction.EXPORT, file.toString());
        return file;
    }

    /** Records that the dossier went to {@code destination} (« imprimante » after the print dialog). */
    public void recordDossierPrint(int projectId, int version, String destination) {
        record(new ProjectService(db, clock).declaration(projectId, version), AuditAction.PRINT, destination);
    }

    private void record(Declaration d, AuditAction action, String destination) {
        String fingerprint = DeclarationPdf.fingerprint(d, clock);
        db.write(Permission.TRACE, (dsl, audit) -> {
            Map<String, Audit.Change> changes = new LinkedHashMap<>();
            changes.put("document", Audit.Change.created("dossier de déclaration"));
            changes.put("version", Audit.Change.created(d.project().version()));
            changes.put("copy", Audit.Change.created(DeclarationPdf.awaitsSignatures(d.project()) ? "exemplaire à signer" : "signé"));
            changes.put("destination", Audit.Change.created(destination));
            changes.put("fingerprint", Audit.Change.created(fingerprint));
            audit.record("pathway_project_version", d.project().id(), action, changes);
            return null;
        });
    }

    /** « dossier-PP-2026-001-v1.pdf »: reference and version, nothing personal. */
    public static String defaultDossierName(String projectReference, int version) {
        return "dossier-" + projectReference + "-v" + version + ".pdf";
    }

    public static String defaultDossierName(ProjectVersion v) {
        return defaultDossierName(v.reference(), v.version());
    }

    // ---------------------------------------------------------------- the inclusion certificate

    /** What the certificate is built from, read from the database. */
    private record CertificateData(Episode episode, Patient patient, StructureInput structure) {}

    private CertificateData certificateData(int episodeId) {
        Episode e = new EpisodeService(db, clock).find(episodeId).orElseThrow(() -> new InputException(List.of(
                Issue.blocking("episode", "Épisode introuvable (n° " + episodeId + ")."))));
        Patient patient = new PatientService(db, clock).find(e.patientId()).orElse(null);
        StructureInput structure = new StructureService(db, clock).load().orElse(null);
        return new CertificateData(e, patient, structure);
    }

    /** The certificate of an episode, for printing (nothing recorded: see {@link #recordCertificatePrint}). */
    public byte[] certificate(int episodeId) {
        CertificateData c = certificateData(episodeId);
        return InclusionCertificate.render(c.episode(), c.patient(), c.structure(), clock);
    }

    /** Writes the certificate to {@code target}; an existing file is refused, never overwritten. */
    public Path saveCertificate(int episodeId, Path target) {
        return saveCertificate(episodeId, target, false);
    }

    /** Writes the certificate complete or not at all and records the export; {@code replace} as for the dossier. */
    public Path saveCertificate(int episodeId, Path target, boolean replace) {
        CertificateData c = certificateData(episodeId);
        byte[] pdf = InclusionCertificate.render(c.episode(), c.patient(), c.structure(), clock);
        Path file = target.toAbsolutePath().normalize();
        Documents.writeAtomically(file, pdf, replace);
        record(c, AuditAction.EXPORT, file.toString());
        return file;
    }

    public void recordCertificatePrint(int episodeId, String destination) {
        record(certificateData(episodeId), AuditAction.PRINT, destination);
    }

    private void record(CertificateData c, AuditAction action, String destination) {
        String fingerprint = InclusionCertificate.fingerprint(c.episode(), c.patient(), c.structure());
        db.write(Permission.TRACE, (dsl, audit) -> {
            Map<String, Audit.Change> changes = new LinkedHashMap<>();
            changes.put("document", Audit.Change.created("attestation d'inclusion"));
            changes.put("reference", Audit.Change.created(c.episode().reference()));
            changes.put("destination", Audit.Change.created(destination));
            changes.put("fingerprint", Audit.Change.created(fingerprint));
            audit.record("pcr_episode", c.episode().id(), action, changes);
            return null;
        });
    }

    /** « attestation-inclusion-EP-2026-0001.pdf »: the episode's reference, never the patient's name. */
    public static String defaultCertificateName(String episodeReference) {
        return "attestation-inclusion-" + episodeReference + ".pdf";
    }

    public static String defaultCertificateName(Episode e) {
        return defaultCertificateName(e.reference());
    }
}
