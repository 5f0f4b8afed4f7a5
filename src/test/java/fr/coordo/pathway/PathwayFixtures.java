package fr.coordo.pathway;

import fr.coordo.identity.CheckDigits;
import fr.coordo.patient.PatientService;
import fr.coordo.plan.PlanFixtures;
import fr.coordo.store.Database;
import fr.coordo.team.PracticeMode;
import fr.coordo.team.ProfessionalInput;
import fr.coordo.team.StructureInput;
import fr.coordo.team.StructureService;
import fr.coordo.team.TeamService;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A structure able to carry the obesity PCR: an MSP constituted as a SISA with its representative and bank
 * details, the minimum team with every identifier, the obesity type completed (its unknown amounts typed in) and
 * a patient. {@link #readyProject} makes a projet without any content gap.
 */
public final class PathwayFixtures {
    public static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    public final Database db;
    public final Clock clock;
    public final TeamService team;
    public final ProjectService projects;
    public final EpisodeService episodes;
    public final PcrTypeService types;
    public final PcrTypeVersion obesity;
    /** Professional ids by profession code: medecin, dieteticien, enseignant_apa, psychologue, infirmier. */
    public final Map<String, Integer> pros = new LinkedHashMap<>();
    public final int patientId;

    public PathwayFixtures(Database db) {
        this(db, clockAt(TODAY));
    }

    public PathwayFixtures(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        team = new TeamService(db, clock);
        projects = new ProjectService(db, clock);
        episodes = new EpisodeService(db, clock);
        types = new PcrTypeService(db, clock);
        new StructureService(db, clock).save(structure("msp_sisa"), Set.of());
        LocalDate since = TODAY.minusYears(2);
        int n = 1;
        for (String profession : List.of("medecin", "dieteticien", "enseignant_apa", "psychologue", "infirmier")) {
            pros.put(profession, team.add(complete("Nom" + (char) ('A' + n), "Prénom", profession, n), Set.of(), since));
            n++;
        }
        obesity = completedObesity(types);
        patientId = new PatientService(db, clock).add(PlanFixtures.eloise(pros.get("medecin"), TODAY.minusMonths(3)), Set.of());
    }

    public static Clock clockAt(LocalDate day) {
        return Clock.fixed(day.atTime(10, 0).atZone(ZoneId.of("Europe/Paris")).toInstant(), ZoneId.of("Europe/Paris"));
    }

    public static StructureInput structure(String category) {
        return new StructureInput("MSP des Tilleuls", "sisa", category, "538757006", "53875700604300", null, "3 rue des Tilleuls",
                "37000", "Tours", null, null, null, "Dr Anne Martin", "Julie Roux", "02 47 00 00 00", "contact@msp-tilleuls.fr",
                "FR7661358831036766795713881", "BNPAFRPPXXX");
    }

    /** A professional with every identifier a PCR needs; {@code n} makes his identifiers unique. */
    public static ProfessionalInput complete(String lastName, String firstName, String profession, int n) {
        String rpps = luhn(String.format("1%09d", 100 + n));
        String am = luhn(String.format("37%06d", n));
        return new ProfessionalInput("M.", lastName, firstName, profession, null, rpps, null, am, null, true, null,
                PracticeMode.LIBERAL, null, null, "06 00 00 00 " + String.format("%02d", n % 100), null, null, iban(n), "BNPAFRPPXXX", null);
    }

    public static String iban(int n) {
        String bank = "30004";
        String branch = "00823";
        String account = String.format("%011d", 1000 + n);
        String bban = bank + branch + account + CheckDigits.ribKey(bank, branch, account);
        return "FR" + CheckDigits.ibanCheckDigits("FR", bban) + bban;
    }

    static String luhn(String partial) {
        return partial + CheckDigits.luhnCheckDigit(partial);
    }

    /** The shipped obesity type with its unknown figures typed in, as a coordinator would from the arrêté. */
    public static PcrTypeVersion completedObesity(PcrTypeService types) {
        PcrTypeVersion shipped = types.current().stream().filter(t -> t.code().equals("obesite_complexe_adulte")).findFirst().orElseThrow();
        PcrType t = shipped.type();
        List<PcrType.Profile> profiles = new ArrayList<>();
        for (PcrType.Profile p : t.profiles()) {
            profiles.add(new PcrType.Profile(p.code(), p.label(), p.forfait() != null ? p.forfait()
                    : p.code().equals("P2") ? new BigDecimal("1350.00") : new BigDecimal("1480.00"), p.bySequence()));
        }
        PcrType complete = new PcrType(t.code(), t.label(), t.revision(),
                "Arrêté du 2 mars 2026 fixant le cahier des charges du parcours coordonné renforcé « Obésité complexe de l'adulte »", "2026-03-02", t.objectives(),
                t.targetPopulation(), t.criteria(), profiles, t.sequences(), t.overseasSurchargePercent(), t.coFinanced(),
                t.patientParticipationPercent(), t.directCpamPayment(), t.defaultSplit(), t.minimumTeam(), t.eligibleCategories(),
                t.amendmentRule(), t.notes());
        return types.saveNewVersion(complete, "Montants de l'arrêté saisis");
    }

    /** The team of the projet: everyone of the fixture, the physician as référent. */
    public List<ProjectInput.MemberInput> members() {
        List<ProjectInput.MemberInput> members = new ArrayList<>();
        pros.forEach((profession, id) -> members.add(new ProjectInput.MemberInput(id,
                profession.equals("medecin") ? "Médecin référent du parcours" : null, List.of())));
        return members;
    }

    public ProjectInput input() {
        return new ProjectInput(obesity.id(), TODAY.plusMonths(3), 40, "Tours et sa métropole", PaymentChannel.STRUCTURE, members());
    }

    /** A projet in draft with no content gap (only the signatures and notifications to come). */
    public int readyProject() {
        return projects.create(input());
    }

    /** Signs every member and the representative on {@code day} and notifies the Ordres. */
    public void signAll(int projectId, LocalDate day) {
        for (int id : pros.values()) {
            projects.recordSignature(projectId, id, day);
        }
        projects.recordRepresentativeSignature(projectId, day);
        for (var e : pros.entrySet()) {
            if (List.of("medecin", "infirmier").contains(e.getKey())) {
                projects.recordOrdreNotification(projectId, e.getValue(), day);
            }
        }
    }

    /** Makes a projet transmitted on {@code transmittedOn}, with the services' clock at {@code TODAY}. */
    public int transmittedProject(LocalDate transmittedOn) {
        int id = readyProject();
        projects.markReady(id);
        signAll(id, transmittedOn.minusDays(3));
        projects.transmit(id, transmittedOn);
        return id;
    }
}
