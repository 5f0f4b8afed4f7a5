package fr.coordo.pathway;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One PCR type as its arrêté and cahier des charges define it: the reference data a projet, an inclusion
 * and a payment are built on. Kept as JSON (shipped in {@code resources/reference/pcr}, edited in
 * Paramètres). Every amount or rate the law has not published is {@code null}: the software shows it
 * « à compléter » and never guesses it.
 *
 * @param revision revision of the shipped catalogue file (a newer one becomes a new version)
 * @param arreteDate ISO date of the arrêté, or null when unknown
 * @param overseasSurchargePercent surcharge of the forfait in overseas départements, in %
 * @param patientParticipationPercent share of the forfait left to the patient, in % (0 by default)
 * @param defaultSplit default split of the forfait, by profession code or {@link #COORDINATION}
 * @param minimumTeam professions and counts required at launch
 * @param eligibleCategories structure categories (resources/reference/categories-structures.csv) that may carry it
 */
public record PcrType(
        String code,
        String label,
        int revision,
        String arreteReference,
        String arreteDate,
        List<String> objectives,
        String targetPopulation,
        List<Criterion> criteria,
        List<Profile> profiles,
        List<Sequence> sequences,
        BigDecimal overseasSurchargePercent,
        boolean coFinanced,
        BigDecimal patientParticipationPercent,
        boolean directCpamPayment,
        List<Share> defaultSplit,
        List<Requirement> minimumTeam,
        List<String> eligibleCategories,
        String amendmentRule,
        String notes) {

    /** The party of the split that is the structure's coordination share. */
    public static final String COORDINATION = "coordination";
    /** How an unknown amount or rate is shown everywhere. */
    public static final String TO_COMPLETE = "à compléter";

    public PcrType {
        objectives = copy(objectives);
        criteria = copy(criteria);
        profiles = copy(profiles);
        sequences = copy(sequences);
        defaultSplit = copy(defaultSplit);
        minimumTeam = copy(minimumTeam);
        eligibleCategories = copy(eligibleCategories);
    }

    /** An eligibility criterion: every one must be ticked to include a patient. */
    public record Criterion(String code, String label) {}

    /**
     * A patient profile and its forfait (null: à compléter). {@code bySequence} gives the part of the forfait
     * of each séquence code when the arrêté splits it; empty when it does not.
     */
    public record Profile(String code, String label, BigDecimal forfait, Map<String, BigDecimal> bySequence) {
        public Profile {
            bySequence = bySequence == null ? Map.of() : Map.copyOf(bySequence);
        }
    }

    /** A séquence of care, in order, with its planned duration (null: à compléter) and expected interventions. */
    public record Sequence(String code, int order, String label, Integer durationMonths, List<String> interventions) {
        public Sequence {
            interventions = copy(interventions);
        }
    }

    /** A default share of the forfait, in % (null: à compléter), for a profession code or the coordination. */
    public record Share(String party, BigDecimal percent) {}

    /** A profession required in the team at launch, and how many of it. */
    public record Requirement(String professionCode, int count) {}

    public Optional<LocalDate> arreteDay() {
        try {
            return arreteDate == null || arreteDate.isBlank() ? Optional.empty() : Optional.of(LocalDate.parse(arreteDate));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public Optional<Profile> profile(String profileCode) {
        return profiles.stream().filter(p -> p.code().equals(profileCode)).findFirst();
    }

    public Optional<Sequence> sequence(String sequenceCode) {
        return sequences.stream().filter(s -> s.code().equals(sequenceCode)).findFirst();
    }

    public List<Sequence> orderedSequences() {
        return sequences.stream().sorted(java.util.Comparator.comparingInt(Sequence::order)).toList();
    }

    /** The forfait of a profile with the overseas surcharge, to the cent; empty while an amount is à compléter. */
    public Optional<BigDecimal> forfait(String profileCode, boolean overseas) {
        Optional<BigDecimal> base = profile(profileCode).map(Profile::forfait);
        if (base.isEmpty()) {
            return Optional.empty();
        }
        if (!overseas) {
            return Optional.of(base.get().setScale(2, RoundingMode.HALF_UP));
        }
        if (overseasSurchargePercent == null) {
            return Optional.empty();
        }
        BigDecimal factor = BigDecimal.ONE.add(overseasSurchargePercent.movePointLeft(2));
        return Optional.of(base.get().multiply(factor).setScale(2, RoundingMode.HALF_UP));
    }

    /** Every value still « à compléter », named in French; empty when the type is complete. */
    public List<String> toComplete() {
        List<String> missing = new ArrayList<>();
        if (arreteReference == null || arreteReference.isBlank() || arreteReference.contains(TO_COMPLETE)) {
            missing.add("référence de l'arrêté");
        }
        if (arreteDay().isEmpty()) {
            missing.add("date de l'arrêté");
        }
        for (Profile p : profiles) {
            if (p.forfait() == null) {
                missing.add("forfait du profil « " + p.label() + " »");
            }
        }
        for (Sequence s : sequences) {
            if (s.durationMonths() == null) {
                missing.add("durée de la séquence « " + s.label() + " »");
            }
        }
        if (overseasSurchargePercent == null) {
            missing.add("majoration outre-mer");
        }
        if (patientParticipationPercent == null) {
            missing.add("taux de participation du patient");
        }
        for (Share s : defaultSplit) {
            if (s.percent() == null) {
                missing.add("part par défaut : " + partyLabel(s.party()));
            }
        }
        if (defaultSplit.isEmpty()) {
            missing.add("répartition par défaut du forfait");
        }
        return missing;
    }

    /** « Médecin », « Coordination »: how a party of the split is named to the user. */
    public static String partyLabel(String party) {
        return COORDINATION.equals(party) ? "Coordination" : fr.coordo.team.Professions.label(party);
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
