package io.agentq.environments.booking;

import static io.agentq.environments.booking.BookingFixture.ANNIVERSARY;
import static io.agentq.environments.booking.BookingFixture.CATALOG;
import static io.agentq.environments.booking.BookingFixture.FULL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.core.Action;
import io.agentq.core.ActionParser;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulated user on its own: a table of question to expected answer for every kind of question,
 * a count of answers that contradict the hidden preferences over every generated task (must be 0),
 * the same answer to the same question, and nothing told that was not asked.
 */
class SimulatedUserTest {
  static RestaurantCatalog catalog;
  static List<BookingTask> tasks;

  @BeforeAll
  static void generate() {
    catalog = RestaurantGenerator.defaults().catalog();
    tasks = BookingTaskGenerator.defaults().tasks(catalog);
  }

  @Test
  void everyKindOfQuestionOnTheAnniversaryTask() {
    SimulatedUser user = new SimulatedUser(ANNIVERSARY, CATALOG, 7);
    // question -> words the answer must hold (and, after "!", words it must not)
    String[][] table = {
      {"What name should the reservation be under?", "Ana Costa"},
      {"Under which name?", "Ana Costa"},
      {"What's your phone number?", "+1 415 555 0123"},
      {"Can I have a mobile number to reach you?", "+1 415 555 0123"},
      {"What is your email address?", "ana.costa@example.com"},
      {"How many people will be dining?", "2"},
      {"What's the party size?", "2"},
      {"What date would you like?", "Friday, December 11"},
      {"What time would you like the table?", "7 pm", "!7:30"},
      {"Are you flexible on the time?", "7:30 pm", "8 pm"},
      {"Could you do another time instead?", "7:30 pm or 8 pm"},
      {"Would 8:30 work?", "No"},
      {"Would 8pm work?", "Yes"},
      {"How about 7:30?", "Yes"},
      {"Is 19:00 OK?", "Yes"},
      {"Would 9 work?", "No"},
      {"Would half past seven in the evening be OK?", "Yes"},
      {"Would 7:30 or 9 work?", "Yes, 7:30 pm works", "No, 9 pm doesn't work"},
      {"Where would you like to sit?", "outdoors", "Indoors would also be fine"},
      {"Would you like indoor or outdoor seating?", "outdoors", "Indoors"},
      {"Would you be OK sitting at the bar?", "No"},
      {"Is indoor seating OK?", "Yes"},
      {"Is the patio fine?", "Yes"},
      {"Is this for a special occasion?", "anniversary"},
      {"Are you celebrating anything?", "anniversary"},
      {"Any dietary restrictions or allergies?", "No dietary restrictions", "!anniversary"},
      {"Any special requests?", "anniversary"},
      {"Which restaurant would you like?", "Osteria Luna"},
      {"What's your name and phone number?", "Ana Costa", "+1 415 555 0123", "!anniversary"},
      {"What's the weather like?", "I don't know."},
      {"Shall I go ahead and book it?", "I don't know."},
      {"What's your credit card number?", "I don't know."},
    };
    List<String> wrong = new ArrayList<>();
    for (String[] row : table) {
      String a = user.answer(row[0]);
      for (int i = 1; i < row.length; i++) {
        boolean must = !row[i].startsWith("!");
        String w = must ? row[i] : row[i].substring(1);
        if (a.contains(w) != must) {
          wrong.add(row[0] + " -> " + a + " (" + row[i] + ")");
        }
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void theUnbookableTaskTellsNoAlternativeAndItsDiet() {
    SimulatedUser user = new SimulatedUser(FULL, CATALOG, 7);
    assertEquals("No, I can't do any other time.", user.answer("Could you do a different time?"));
    assertTrue(user.answer("Would 7:30 pm work?").startsWith("No"));
    assertTrue(user.answer("Any allergies?").contains("vegetarian"));
    assertTrue(user.answer("Is it a special occasion?").startsWith("No"));
    assertTrue(user.answer("Is outside OK?").startsWith("Yes"));
    assertTrue(user.answer("Is the bar OK?").startsWith("No"));
    assertTrue(user.answer("How many guests?").contains("4"));
  }

  @Test
  void noAnswerContradictsTheHiddenPreferencesOverEveryTask() {
    List<String> contradictions = new ArrayList<>();
    int asked = 0;
    for (BookingTask t : tasks) {
      SimulatedUser user = new SimulatedUser(t, catalog, 11);
      Restaurant r = catalog.restaurant(t.restaurant());
      Set<LocalTime> ok = new LinkedHashSet<>(t.times());
      ok.addAll(t.preferences().alternativeTimes());
      List<String> why = new ArrayList<>();
      for (LocalTime time : r.times()) {
        for (String q :
            List.of(
                "Would " + TimePhrase.spoken(time) + " work?",
                "How about " + time + "?",
                "Is " + TimePhrase.spoken(time).replace(" ", "") + " OK for you?")) {
          asked++;
          String a = user.answer(q);
          if (a.startsWith("Yes") != ok.contains(time) || !a.matches("^(Yes|No).*")) {
            why.add(q + " -> " + a);
          }
        }
      }
      for (Seating s : Seating.values()) {
        for (String q :
            List.of(
                "Would you be OK sitting " + SimulatedUser.place(s) + "?",
                "Is " + s.label() + " seating fine?")) {
          asked++;
          String a = user.answer(q);
          if (a.startsWith("Yes") != t.preferences().seatings().contains(s)) {
            why.add(q + " -> " + a);
          }
        }
      }
      asked += 7;
      String party = user.answer("How many people are coming?");
      if (!Pattern.compile("\\b" + t.partySize() + "\\b").matcher(party).find()) {
        why.add("party -> " + party);
      }
      if (!user.answer("What date would you like?").contains(DatePhrase.spoken(t.date()))) {
        why.add("date");
      }
      String time = user.answer("What time?");
      if (!mentions(time, t.times().get(0))
          || t.preferences().alternativeTimes().stream().anyMatch(x -> mentions(time, x))) {
        why.add("time -> " + time);
      }
      String alt = user.answer("Could you do another time?");
      if (t.preferences().alternativeTimes().isEmpty()
          ? !alt.startsWith("No")
          : !t.preferences().alternativeTimes().stream().allMatch(x -> mentions(alt, x))) {
        why.add("alternatives -> " + alt);
      }
      String where = user.answer("Where would you like to sit?");
      for (Seating s : Seating.values()) {
        if (where.toLowerCase(java.util.Locale.ROOT).contains(SimulatedUser.place(s))
            != t.preferences().seatings().contains(s)) {
          why.add("seating -> " + where);
        }
      }
      String occasion = user.answer("Is this for a special occasion?");
      if (t.preferences().occasion().isEmpty()
          ? !occasion.startsWith("No")
          : !occasion.contains(t.preferences().occasion())) {
        why.add("occasion -> " + occasion);
      }
      String diet = user.answer("Any dietary restrictions?");
      if (t.preferences().dietary().isEmpty()
          ? !diet.startsWith("No")
          : !diet.contains(t.preferences().dietary())) {
        why.add("dietary -> " + diet);
      }
      why.forEach(w -> contradictions.add("task " + t.id() + ": " + w));
    }
    System.out.println(
        asked
            + " questions over "
            + tasks.size()
            + " tasks, "
            + contradictions.size()
            + " contradictions");
    assertEquals(List.of(), contradictions.subList(0, Math.min(20, contradictions.size())));
    assertEquals(0, contradictions.size());
  }

  /** Whether {@code text} says {@code t} ("2 pm" is not said by "12 pm"). */
  private static boolean mentions(String text, LocalTime t) {
    return Pattern.compile("(?<![\\d:])" + Pattern.quote(TimePhrase.spoken(t)) + "\\b")
        .matcher(text)
        .find();
  }

  @Test
  void theSameQuestionGetsTheSameAnswer() {
    for (BookingTask t : tasks.subList(0, 200)) {
      for (String q :
          List.of("What's your phone number?", "Would 8:30 work?", "How many of you?")) {
        assertEquals(
            new SimulatedUser(t, catalog, 3).answer(q), new SimulatedUser(t, catalog, 3).answer(q));
        SimulatedUser user = new SimulatedUser(t, catalog, 3);
        assertEquals(user.answer(q), user.answer(q));
        assertEquals(user.answer(q), user.answer("  " + q.toUpperCase() + " "));
      }
    }
  }

  @Test
  void nothingIsToldThatWasNotAsked() {
    List<String> leaks = new ArrayList<>();
    List<String> notAboutNotes =
        List.of(
            "What's your phone number?",
            "What is your email?",
            "What name is it under?",
            "How many people?",
            "What time?",
            "Could you do another time?",
            "Would 8:30 work?",
            "Where would you like to sit?",
            "What date?",
            "Which restaurant?");
    for (BookingTask t : tasks) {
      SimulatedUser user = new SimulatedUser(t, catalog, 5);
      HiddenPreferences h = t.preferences();
      for (String q : notAboutNotes) {
        String a = user.answer(q);
        for (String secret : List.of(h.occasion(), h.dietary())) {
          if (!secret.isEmpty() && a.contains(secret)) {
            leaks.add(t.id() + ": " + q + " -> " + a);
          }
        }
        if (!q.contains("phone") && a.contains(t.profile().phone())) {
          leaks.add(t.id() + ": " + q + " -> " + a);
        }
        if (!q.contains("email") && a.contains(t.profile().email())) {
          leaks.add(t.id() + ": " + q + " -> " + a);
        }
      }
      // Asking the phone says the phone only.
      String phone = user.answer("What's your phone number?");
      if (phone.contains(t.profile().name()) || phone.contains(t.profile().email())) {
        leaks.add(t.id() + ": phone -> " + phone);
      }
    }
    assertEquals(List.of(), leaks);
  }

  @Test
  void anAskActionIsAnsweredAsItsQuestion() {
    // The grammar of ASK [question] is core's (ActionParserTest); the user reads only the question.
    SimulatedUser user = new SimulatedUser(BookingFixture.ANNIVERSARY, BookingFixture.CATALOG, 1);
    Action.Ask ask = (Action.Ask) ActionParser.parse("ASK [What's your phone number?]");
    assertEquals(user.answer("What's your phone number?"), user.answer(ask));
    assertTrue(user.answer(ask).contains("+1 415 555 0123"), user.answer(ask));
  }
}
