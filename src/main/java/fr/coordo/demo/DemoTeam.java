package fr.coordo.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The team as the demo plans and agenda need it: current members by profession, everyone's name and time in the team. */
final class DemoTeam {
    /** One professional, current or former: {@code end} is null for a current member. */
    record Member(int id, String profession, String firstName, String lastName, LocalDate start, LocalDate end) {
        boolean memberOn(LocalDate day) {
            return !day.isBefore(start) && (end == null || !day.isAfter(end));
        }
    }

    final Map<String, List<Integer>> activeByProfession = new LinkedHashMap<>();
    final Map<Integer, String> names = new LinkedHashMap<>();
    final List<Member> members = new ArrayList<>();

    void add(int id, String profession, String firstName, String lastName, LocalDate start, LocalDate end) {
        names.put(id, firstName + " " + lastName);
        members.add(new Member(id, profession, firstName, lastName, start, end));
        if (end == null) {
            activeByProfession.computeIfAbsent(profession, k -> new ArrayList<>()).add(id);
        }
    }

    List<Integer> active(String profession) {
        return activeByProfession.getOrDefault(profession, List.of());
    }

    List<Integer> physicians() {
        return active("medecin");
    }

    /** « Dr Camille Bernard », as the patient record shows a médecin traitant of the team. */
    String doctor(int id) {
        return "Dr " + names.get(id);
    }
}
