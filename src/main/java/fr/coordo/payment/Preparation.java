package fr.coordo.payment;

import fr.coordo.pathway.PaymentChannel;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a period would pay: the units whose service ended in it and are not paid yet, the checks that did not
 * pass, and the units already paid (shown, never paid again). Issued as one order per projet and channel.
 */
public record Preparation(Period period, LocalDate preparedOn, List<PayableUnit> units, List<PayableUnit> alreadyPaid,
        List<Finding> findings) {

    public Preparation {
        units = List.copyOf(units);
        alreadyPaid = List.copyOf(alreadyPaid);
        findings = List.copyOf(findings);
    }

    /** The orders the issue would make: one per projet and channel. */
    public record Group(int projectId, String projectReference, PaymentChannel channel, List<PayableUnit> units) {
        public long totalCents() {
            return units.stream().mapToLong(PayableUnit::sharesTotal).sum();
        }
    }

    public List<Finding> blocking() {
        return findings.stream().filter(Finding::blocking).toList();
    }

    public List<Finding> warnings() {
        return findings.stream().filter(f -> !f.blocking()).toList();
    }

    public boolean canIssue() {
        return !units.isEmpty() && blocking().isEmpty();
    }

    public List<Finding> findingsOf(PayableUnit unit) {
        return findings.stream().filter(f -> unit.key().equals(f.unitKey())).toList();
    }

    public long totalCents() {
        return units.stream().mapToLong(PayableUnit::sharesTotal).sum();
    }

    public List<Group> groups() {
        Map<String, List<PayableUnit>> by = new LinkedHashMap<>();
        for (PayableUnit u : units) {
            by.computeIfAbsent(u.episode().projectId() + ":" + u.channel(), k -> new ArrayList<>()).add(u);
        }
        return by.values().stream().map(list -> new Group(list.getFirst().episode().projectId(),
                list.getFirst().episode().projectReference(), list.getFirst().channel(), list)).toList();
    }
}
