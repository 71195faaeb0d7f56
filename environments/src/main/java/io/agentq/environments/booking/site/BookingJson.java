package io.agentq.environments.booking.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentq.environments.booking.Reservation;
import io.agentq.environments.booking.Seating;
import io.agentq.environments.ledger.KeyLookup;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Locale;

/**
 * The JSON of the booking site's API, written and read by hand (dates and times as ISO text,
 * seatings by label) so the server and its client {@link BookingSite} agree on one layout.
 */
final class BookingJson {
  static final ObjectMapper JSON = new ObjectMapper();

  private BookingJson() {}

  static ObjectNode reservation(Reservation r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("restaurant", r.restaurant());
    o.put("date", r.date().toString());
    o.put("time", r.time().toString());
    o.put("partySize", r.partySize());
    o.put("seating", r.seating().label());
    o.put("name", r.name());
    o.put("phone", r.phone());
    o.put("email", r.email());
    o.put("taskId", r.taskId());
    o.put("episodeId", r.episodeId());
    o.put("status", r.status().name());
    return o;
  }

  static Reservation reservationOf(JsonNode o) {
    return new Reservation(
        o.get("restaurant").asText(),
        LocalDate.parse(o.get("date").asText()),
        LocalTime.parse(o.get("time").asText()),
        o.get("partySize").asInt(),
        Seating.ofLabel(o.get("seating").asText()).orElseThrow(),
        o.get("name").asText(),
        o.get("phone").asText(),
        o.get("email").asText(),
        o.get("taskId").asInt(),
        o.get("episodeId").asText(),
        Reservation.Status.valueOf(o.get("status").asText()));
  }

  static ObjectNode record(BookingRecord r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", r.id());
    o.put("key", r.key());
    o.put("session", r.session());
    o.put("episodeId", r.episodeId());
    o.put("taskId", r.taskId());
    o.put("kind", r.kind().name());
    if (r.reservation() != null) {
      o.set("reservation", reservation(r.reservation()));
    }
    o.put("notes", r.notes());
    if (r.answer() != null) {
      o.put("answer", r.answer());
    }
    o.put("reward", r.reward());
    o.put("donePath", r.donePath());
    o.put("createdAt", r.createdAt());
    return o;
  }

  static BookingRecord recordOf(JsonNode o) {
    JsonNode reservation = o.get("reservation");
    JsonNode answer = o.get("answer");
    return new BookingRecord(
        o.get("id").asLong(),
        o.get("key").asText(),
        o.get("session").asText(),
        o.get("episodeId").asText(),
        o.get("taskId").asInt(),
        BookingRecord.Kind.valueOf(o.get("kind").asText()),
        reservation == null || reservation.isNull() ? null : reservationOf(reservation),
        o.path("notes").asText(""),
        answer == null || answer.isNull() ? null : answer.asText(),
        o.get("reward").asDouble(),
        o.get("createdAt").asText());
  }

  static ObjectNode lookup(KeyLookup<BookingRecord> l) {
    ObjectNode o = JSON.createObjectNode();
    o.put("key", l.key());
    o.put("state", l.state().wire());
    if (l.record() != null) {
      o.set("record", record(l.record()));
    }
    return o;
  }

  static KeyLookup<BookingRecord> lookupOf(JsonNode o) {
    JsonNode record = o.get("record");
    return new KeyLookup<>(
        o.get("key").asText(),
        KeyLookup.State.valueOf(o.get("state").asText().toUpperCase(Locale.ROOT)),
        record == null || record.isNull() ? null : recordOf(record));
  }
}
