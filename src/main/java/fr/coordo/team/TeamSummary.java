package fr.coordo.team;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The line under the team table: members per profession, incomplete records, rows shown. */
public final class TeamSummary {
    private TeamSummary() {}

    public static String describe(List<Professional> all, int shown, LocalDate today) {
        List<Professional> active = all.stream().filter(p -> p.isActive(today)).toList();
        Map<String, Long> byProfession = active.stream().collect(Collectors.groupingBy(Professional::professionCode, Collectors.counting()));
        String detail = byProfession.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> e.getValue() + " " + Professions.label(e.getKey(), e.getValue().intValue()).toLowerCase(Locale.FRENCH))
                .collect(Collectors.joining(", "));
        long incomplete = active.stream().filter(p -> !p.missingForPcr().isEmpty()).count();
        return active.size() + " membre" + plural(active.size()) + " actif" + plural(active.size())
                + (detail.isEmpty() ? "" : " : " + detail) + ". "
                + incomplete + " dossier" + plural(incomplete) + " incomplet" + plural(incomplete) + " pour un PCR. "
                + shown + " affiché" + plural(shown) + ".";
    }

    private static String plural(long n) {
        return n > 1 ? "s" : "";
    }
}
