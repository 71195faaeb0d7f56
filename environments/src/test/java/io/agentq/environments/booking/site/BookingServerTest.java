package io.agentq.environments.booking.site;

import static io.agentq.environments.booking.site.SiteFixture.get;
import static io.agentq.environments.booking.site.SiteFixture.location;
import static io.agentq.environments.booking.site.SiteFixture.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The booking site's routes: sessions, search, the restaurant page's embedded availability (and no
 * controls without its script), ASK, the details and review pages, and state URLs that read back to
 * the same state.
 */
class BookingServerTest {
  @TempDir static Path dir;
  static BookingServer site;

  @BeforeAll
  static void start() {
    site = SiteFixture.start(BookingServer.Options.at(dir.resolve("booking.db")));
    open(site, 0, "a", false);
  }

  @AfterAll
  static void stop() {
    site.close();
  }

  @Test
  void aSessionBelongsToOneTaskAndMode() {
    assertEquals(303, get(site, "/start/0?session=a").statusCode());
    HttpResponse<String> other = get(site, "/start/1?session=a");
    assertEquals(404, other.statusCode());
    assertTrue(other.body().contains("session a belongs to task 0 (live)"), other.body());
    assertEquals(404, get(site, "/start/2?session=b").statusCode());
    assertEquals(404, get(site, "/s/nobody/").statusCode());
  }

  @Test
  void everyPageDeclaresJavaScriptAndShowsTheTasksToday() {
    String home = get(site, "/s/a/").body();
    assertTrue(home.contains("<meta name=\"agentq:requires\" content=\"javascript\">"));
    assertTrue(home.contains("Today is Monday, December 7, 2026"), home);
    assertTrue(home.contains("aria-label=\"Ask the user\""));
    assertTrue(home.contains("aria-label=\"Tell the user\""));
  }

  @Test
  void searchFindsByNameOrByCuisineAndArea() {
    for (String q :
        List.of("osteria luna", "Italian Old Town", "an italian restaurant in old town")) {
      String page = get(site, "/s/a/search?q=" + q.replace(" ", "+")).body();
      assertTrue(
          page.contains(
              "href=\"/s/a/restaurant?q=" + q.replace(" ", "+") + "&amp;r=Osteria+Luna\""),
          q + ": " + page);
    }
    assertTrue(get(site, "/s/a/search?q=thai").body().contains("No restaurant matches"));
  }

  @Test
  void theRestaurantPageHoldsAvailabilityForItsScriptAndNoControlsWithoutIt() throws Exception {
    String page = get(site, "/s/a/restaurant?r=Osteria+Luna&d=2026-12-11&n=2&t=19:00").body();
    String html = page.replaceAll("(?s)<script.*?</script>", "");
    // Without the script: the search, ask and tell buttons only; no date, party or time buttons.
    List<String> buttons = new ArrayList<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("<button[^>]*>([^<]*)<").matcher(html);
    while (m.find()) {
      buttons.add(m.group(1));
    }
    assertEquals(List.of("Search", "Ask", "Write final answer"), buttons);
    String json =
        page.substring(
            page.indexOf("id=\"availability\">") + "id=\"availability\">".length(),
            page.indexOf("</script>", page.indexOf("id=\"availability\">")));
    JsonNode a = BookingJson.JSON.readTree(json);
    assertEquals("2026-12-11", a.get("date").asText());
    assertEquals("2026-12-07", a.get("week").asText()); // Monday's week holds Friday
    assertEquals("Fri Dec 11", a.get("dates").get(4).get("label").asText());
    Map<String, String> free = new LinkedHashMap<>();
    for (JsonNode t : a.get("times")) {
      List<String> seats = new ArrayList<>();
      t.get("free").forEach(s -> seats.add(s.asText()));
      free.put(t.get("value").asText(), String.join(",", seats));
    }
    // The fixture's Friday: 19:00 full everywhere, 19:30 outdoor full.
    assertEquals("", free.get("19:00"));
    assertEquals("indoor,bar", free.get("19:30"));
    assertEquals("indoor,outdoor,bar", free.get("18:30"));
    List<String> alternatives = new ArrayList<>();
    a.get("alternatives").forEach(t -> alternatives.add(t.get("value").asText()));
    // Nearest first, the earlier on a tie.
    assertEquals(List.of("18:30", "19:30", "18:00", "20:00"), alternatives);
    assertFalse(a.has("earlier")); // the week starts today
    assertEquals("2026-12-14", a.get("later").asText());
  }

  @Test
  void askAddsTheQuestionToTheStateAndTheUsersAnswerToThePage() {
    HttpResponse<String> asked =
        get(site, "/s/a/restaurant?r=Osteria+Luna&ask=Where+would+you+like+to+sit%3F");
    assertEquals(303, asked.statusCode());
    String to = location(asked);
    assertEquals("/s/a/restaurant?r=Osteria+Luna&ask1=Where+would+you+like+to+sit%3F", to);
    String page = get(site, to).body();
    assertTrue(page.contains("You: Where would you like to sit?"), page);
    // The anniversary's user wants the patio and takes indoors too (worked out by hand).
    assertTrue(page.contains("User: I'd like to sit outdoors. Indoors would also be fine."), page);
    HttpResponse<String> second = get(site, to + "&ask=What+is+your+name%3F");
    assertEquals(
        "/s/a/restaurant?r=Osteria+Luna&ask1=Where+would+you+like+to+sit%3F"
            + "&ask2=What+is+your+name%3F",
        location(second));
    assertTrue(get(site, location(second)).body().contains("User: "));
  }

  @Test
  void theDetailsPageNeedsAFreeTable() {
    HttpResponse<String> full =
        get(site, "/s/a/details?r=Osteria+Luna&d=2026-12-11&n=2&t=19:00&st=outdoor");
    assertEquals(400, full.statusCode());
    assertTrue(
        full.body().contains("Osteria Luna has no outdoor table for 2 people at 7:00 PM"),
        full.body());
    HttpResponse<String> free =
        get(site, "/s/a/details?r=Osteria+Luna&d=2026-12-11&n=2&t=19:30&st=indoor&name=Ana");
    assertEquals(200, free.statusCode());
    assertTrue(free.body().contains("aria-label=\"Name\" value=\"Ana\""), free.body());
    HttpResponse<String> review =
        get(site, "/s/a/review?r=Osteria+Luna&d=2026-12-11&n=2&t=19:30&st=indoor&name=Ana");
    assertTrue(review.body().contains("fill in: phone, email"), review.body());
    assertFalse(review.body().contains("Complete reservation"));
  }

  @Test
  void aBadStateUrlIsRefusedInOneLineNamingTheParameter() {
    HttpResponse<String> r = get(site, "/s/a/restaurant?r=Osteria+Luna&d=friday");
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("URL parameter d='friday' is not a date yyyy-mm-dd"), r.body());
  }

  @Test
  void aStateUrlReadsBackToTheSameState() {
    String url =
        "/s/a/details?q=luna&r=Osteria+Luna&d=2026-12-11&w=2026-12-07&n=2&t=19%3A30&st=indoor"
            + "&name=Ana+Costa&phone=%2B1+415&email=a%40b.c&notes=a+%26+b&ask1=x%3F&ask2=y";
    URI uri = URI.create(site.baseUrl() + url);
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      params.put(
          java.net.URLDecoder.decode(kv[0], java.nio.charset.StandardCharsets.UTF_8),
          java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
    }
    BookingState st = BookingState.of(params);
    assertEquals("?" + uri.getRawQuery(), st.query());
    assertEquals(List.of("x?", "y"), st.questions());
    assertEquals("a & b", st.text(BookingState.NOTES));
    // The page shows exactly that state (its hidden fields carry it on).
    String page = get(site, url).body();
    assertTrue(page.contains("value=\"a &amp; b\""), page);
    assertTrue(page.contains("<input type=\"hidden\" name=\"ask2\" value=\"y\">"), page);
  }
}
