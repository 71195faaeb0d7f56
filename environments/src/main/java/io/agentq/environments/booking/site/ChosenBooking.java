package io.agentq.environments.booking.site;

import io.agentq.environments.booking.Reservation;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a search chose to do, read off the done page of its sandbox session ({@code
 * /s/sbx-E/done?did=reservation&r=...&d=...} or {@code ?did=answer&...&tell=...}): compared with
 * the record a live site holds under the episode's key, it tells whether an adopted record is the
 * one this search would have made.
 */
public record ChosenBooking(String did, Map<String, String> params) {
  /** The choice a sandbox done page's URL (absolute or site-relative) stands for. */
  public static ChosenBooking fromDoneUrl(String url) {
    int q = url == null ? -1 : url.indexOf('?');
    if (q < 0 || !url.substring(0, q).endsWith("/done")) {
      return new ChosenBooking("", Map.of());
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : url.substring(q + 1).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        params.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return new ChosenBooking(params.getOrDefault(BookingServer.DID, ""), params);
  }

  /**
   * Whether {@code record} is this choice: the same reservation (restaurant, date, time, party,
   * seating, name, phone, email) or the same answer to the user.
   */
  public boolean sameAs(BookingRecord record) {
    if (record.kind() == BookingRecord.Kind.ANSWER) {
      return did.equals("answer")
          && Objects.equals(params.getOrDefault(BookingServer.TELL, "").strip(), record.answer());
    }
    if (!did.equals("reservation")) {
      return false;
    }
    BookingState st;
    try {
      st = BookingState.of(params);
    } catch (IllegalArgumentException e) {
      return false;
    }
    Reservation r = record.reservation();
    return st.restaurant().equals(r.restaurant())
        && r.date().equals(st.date())
        && r.time().equals(st.time())
        && r.partySize() == st.party()
        && r.seating() == st.seating()
        && st.text(BookingState.NAME).equals(r.name())
        && st.text(BookingState.PHONE).equals(r.phone())
        && st.text(BookingState.EMAIL).equals(r.email());
  }
}
