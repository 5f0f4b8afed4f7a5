package fr.coordo.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The team as the demo plans need it: current members by profession, and everyone's name. */
final class DemoTeam {
    final Map<String, List<Integer>> activeByProfession = new LinkedHashMap<>();
    final Map<Integer, String> names = new LinkedHashMap<>();

    void add(int id, String profession, String firstName, String lastName, boolean active) {
        names.put(id, firstName + " " + lastName);
        if (active) {
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
