package io.agentq.environments.booking.site;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentq.environments.booking.BookingTask;
import io.agentq.environments.booking.Reservation;
import java.util.Optional;

/**
 * The booking site's JSON API under {@code /api}: a task's instruction (what a remote worker needs
 * to start an episode), what the site knows about an Idempotency-Key (what an agent reads after a
 * failed or timed-out irreversible request), and every reservation and record (what a checker reads
 * afterwards).
 */
final class BookingApi {
  private static final String ROUTES =
      "/api/tasks/{taskId}, /api/reservations, /api/reservations/{key}, /api/keys/{key},"
          + " /api/records, /api/info";

  private final BookingData data;
  private final ReservationBook book;
  private final BookingKeys keys;

  BookingApi(BookingData data, ReservationBook book, BookingKeys keys) {
    this.data = data;
    this.book = book;
    this.keys = keys;
  }

  BookingServer.Response route(BookingServer.Request req) {
    String[] parts = req.parts();
    if (!req.method().equals("GET")) {
      return error(405, "the booking site's API is read-only: use GET");
    }
    String what = parts.length > 2 ? parts[2] : "";
    int n = parts.length;
    if (what.equals("tasks") && n == 4) {
      return task(parts[3]);
    }
    if (what.equals("reservations") && n == 3) {
      ObjectNode o = BookingJson.JSON.createObjectNode();
      ArrayNode list = o.putArray("reservations");
      for (Reservation r : book.reservations()) {
        list.add(BookingJson.reservation(r));
      }
      return ok(o);
    }
    if ((what.equals("reservations") || what.equals("keys")) && n == 4) {
      return ok(BookingJson.lookup(keys.lookup(parts[3])));
    }
    if (what.equals("records") && n == 3) {
      ObjectNode o = BookingJson.JSON.createObjectNode();
      ArrayNode list = o.putArray("records");
      book.records().forEach(r -> list.add(BookingJson.record(r)));
      return ok(o);
    }
    if (what.equals("info") && n == 3) {
      ObjectNode o = BookingJson.JSON.createObjectNode();
      o.put("site", "booking");
      o.put("restaurants", data.catalog().restaurants().size());
      o.put("tasks", data.tasks().size());
      o.put("bookableTasks", data.tasks().stream().filter(BookingTask::bookable).count());
      o.put("firstDate", data.catalog().firstDate().toString());
      o.put("lastDate", data.catalog().lastDate().toString());
      o.put("database", book.file().toString());
      return ok(o);
    }
    return error(404, "no API at " + String.join("/", parts) + "; there are " + ROUTES);
  }

  private BookingServer.Response task(String text) {
    int id;
    try {
      id = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return error(404, "task id must be a number, not '" + text + "'");
    }
    Optional<BookingTask> task = data.task(id);
    if (task.isEmpty()) {
      return error(
          404, "no task " + id + "; this site has tasks 0 to " + (data.tasks().size() - 1));
    }
    ObjectNode o = BookingJson.JSON.createObjectNode();
    o.put("task", id);
    o.put("instruction", task.get().request());
    o.put("today", task.get().today().toString());
    return ok(o);
  }

  private static BookingServer.Response ok(ObjectNode body) {
    return BookingServer.Response.json(200, body.toString());
  }

  private static BookingServer.Response error(int status, String message) {
    ObjectNode o = BookingJson.JSON.createObjectNode();
    o.put("error", message);
    return BookingServer.Response.json(status, o.toString());
  }
}
