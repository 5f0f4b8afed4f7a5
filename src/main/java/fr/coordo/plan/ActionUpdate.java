package fr.coordo.plan;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Progress of an action recorded during follow-up, without touching the validated version. */
public record ActionUpdate(String actionUid, LocalDate on, Action.Status status, String result, String author, OffsetDateTime recordedAt) {}
