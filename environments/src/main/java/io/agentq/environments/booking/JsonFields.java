package io.agentq.environments.booking;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentq.core.InputException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One JSON object of a booking data file with readers that name the record ({@code where}, e.g.
 * "tasks t.jsonl: line 4") and the field in every error. (The shop's {@code JsonRecord} is the same
 * idea for its own files; this one adds dates, times and seatings.)
 */
final class JsonFields {
  final String where;
  final JsonNode node;

  JsonFields(String where, JsonNode node) {
    this.where = where;
    this.node = node;
    if (node == null || !node.isObject()) {
      throw new InputException(where + ": expected a JSON object");
    }
  }

  boolean has(String field) {
    JsonNode v = node.get(field);
    return v != null && !v.isNull();
  }

  String text(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw bad(field, "is missing");
    }
    if (!v.isTextual()) {
      throw bad(field, "must be text, got " + v);
    }
    if (v.asText().isBlank()) {
      throw bad(field, "is empty");
    }
    return v.asText();
  }

  /** Text, possibly empty; "" when the field is absent or null. */
  String optionalText(String field) {
    if (!has(field)) {
      return "";
    }
    JsonNode v = node.get(field);
    if (!v.isTextual()) {
      throw bad(field, "must be text, got " + v);
    }
    return v.asText();
  }

  int integer(String field, int min, int max) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw bad(field, "is missing");
    }
    if (!v.isIntegralNumber()) {
      throw bad(field, "must be a whole number, got " + v);
    }
    long n = v.asLong();
    if (n < min || n > max) {
      throw bad(field, "must be between " + min + " and " + max + ", got " + n);
    }
    return (int) n;
  }

  long number(String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isIntegralNumber()) {
      throw bad(field, "is missing or not a whole number");
    }
    return v.asLong();
  }

  boolean bool(String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isBoolean()) {
      throw bad(field, "is missing or not true/false");
    }
    return v.asBoolean();
  }

  LocalDate date(String field) {
    String s = text(field);
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw bad(field, "must be a date yyyy-mm-dd, got '" + s + "'");
    }
  }

  LocalTime time(String field) {
    return timeOf(field, text(field));
  }

  List<LocalTime> times(String field) {
    List<LocalTime> out = new ArrayList<>();
    for (String s : strings(field)) {
      out.add(timeOf(field, s));
    }
    return out;
  }

  private LocalTime timeOf(String field, String s) {
    try {
      return LocalTime.parse(s);
    } catch (DateTimeParseException e) {
      throw bad(field, "must hold times hh:mm, got '" + s + "'");
    }
  }

  Seating seating(String field, String s) {
    return Seating.ofLabel(s)
        .orElseThrow(
            () ->
                bad(field, "has unknown seating '" + s + "' (use indoor, outdoor, bar, counter)"));
  }

  List<Seating> seatings(String field) {
    List<Seating> out = new ArrayList<>();
    for (String s : strings(field)) {
      out.add(seating(field, s));
    }
    return out;
  }

  /** A list of text; absent is an error. */
  List<String> strings(String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isArray()) {
      throw bad(field, "is missing or not a list");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode s : v) {
      if (!s.isTextual()) {
        throw bad(field, "must be a list of text, holds " + s);
      }
      out.add(s.asText());
    }
    return out;
  }

  JsonFields object(String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isObject()) {
      throw bad(field, "is missing or not an object");
    }
    return new JsonFields(where + " " + field, v);
  }

  InputException bad(String field, String problem) {
    return new InputException(where + ": field '" + field + "' " + problem);
  }
}
