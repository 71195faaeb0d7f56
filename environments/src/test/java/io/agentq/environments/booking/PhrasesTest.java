package io.agentq.environments.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The readers of dates, party sizes and times against values worked out by hand with a calendar
 * (2026-12-07 is a Monday), and every phrase the writers produce reads back to what it was written
 * for.
 */
class PhrasesTest {
  static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);
  static final LocalDate SATURDAY = LocalDate.of(2026, 12, 12);

  @Test
  void datesFromMondayTheSeventh() {
    Object[][] table = {
      {"this Friday", "2026-12-11"},
      {"on Friday", "2026-12-11"},
      {"Friday next week", "2026-12-18"},
      {"in two weeks on Saturday", "2026-12-26"},
      {"today", "2026-12-07"},
      {"tonight", "2026-12-07"},
      {"tomorrow", "2026-12-08"},
      {"the day after tomorrow", "2026-12-09"},
      {"in five days", "2026-12-12"},
      {"a week from today", "2026-12-14"},
      {"a week from tomorrow", "2026-12-15"},
      {"two weeks from today", "2026-12-21"},
      {"on December 18", "2026-12-18"},
      {"on Friday, December 18", "2026-12-18"},
      {"on the 3rd of January", "2027-01-03"},
      {"on 24 December", "2026-12-24"},
      {"on Monday", "2026-12-14"}, // never today
      {"this Monday", "2026-12-07"},
      {"Monday next week", "2026-12-14"},
    };
    for (Object[] row : table) {
      assertEquals(
          Optional.of(LocalDate.parse((String) row[1])),
          DatePhrase.resolve((String) row[0], MONDAY),
          (String) row[0]);
    }
  }

  @Test
  void datesFromSaturdayTheTwelfthAndPhrasesThatDoNotRead() {
    assertEquals(Optional.empty(), DatePhrase.resolve("this Friday", SATURDAY)); // past this week
    assertEquals(
        Optional.of(LocalDate.of(2026, 12, 18)), DatePhrase.resolve("on Friday", SATURDAY));
    assertEquals(
        Optional.of(LocalDate.of(2026, 12, 13)), DatePhrase.resolve("this Sunday", SATURDAY));
    assertEquals(
        Optional.of(LocalDate.of(2026, 12, 14)), DatePhrase.resolve("Monday next week", SATURDAY));
    assertEquals(
        Optional.of(LocalDate.of(2026, 12, 26)),
        DatePhrase.resolve(
            "in two weeks on Saturday", SATURDAY)); // week of the 21st + 2 weeks? no:
    // Saturday the 12th is in the week of Monday the 7th; two weeks on is the week of the 21st.
    assertEquals(
        Optional.of(LocalDate.of(2027, 12, 5)), DatePhrase.resolve("on December 5", SATURDAY));
    assertEquals(Optional.empty(), DatePhrase.resolve("on Thursday, December 18", MONDAY));
    assertEquals(Optional.empty(), DatePhrase.resolve("next Friday", MONDAY)); // ambiguous: refused
    assertEquals(Optional.empty(), DatePhrase.resolve("on February 30", MONDAY));
  }

  @Test
  void partySizes() {
    Object[][] table = {
      {"for a party of four", 4},
      {"for me and my wife", 2},
      {"for the two of us", 2},
      {"for me and three friends", 4},
      {"for me, my husband and our two kids", 4},
      {"for me, my wife and our daughter", 3},
      {"just for me", 1},
      {"for one", 1},
      {"for 6 people", 6},
      {"for a group of eight", 8},
      {"for me and 4 colleagues", 5},
      {"for two", 2},
    };
    for (Object[] row : table) {
      assertEquals(
          OptionalInt.of((Integer) row[1]), PartyPhrase.parse((String) row[0]), (String) row[0]);
    }
    assertEquals(OptionalInt.empty(), PartyPhrase.parse("for a few of us"));
  }

  @Test
  void times() {
    Object[][] table = {
      {"between 7 and 8pm", List.of("19:00", "19:30", "20:00")},
      {"around noon", List.of("11:30", "12:00", "12:30")},
      {"around 8pm", List.of("19:30", "20:00", "20:30")},
      {"at about 7:30 pm", List.of("19:00", "19:30", "20:00")},
      {"at half past seven in the evening", List.of("19:30")},
      {"at 19:30", List.of("19:30")},
      {"at 7:30pm", List.of("19:30")},
      {"at 7 pm", List.of("19:00")},
      {"at noon", List.of("12:00")},
      {"at 11:30am", List.of("11:30")},
      {"at 12:30", List.of("12:30")},
      {"sometime between 6:30 and 7:30 in the evening", List.of("18:30", "19:00", "19:30")},
      {"between 11:30 am and 12:30 pm", List.of("11:30", "12:00", "12:30")},
      {"between 18:00 and 18:30", List.of("18:00", "18:30")},
    };
    for (Object[] row : table) {
      @SuppressWarnings("unchecked")
      List<LocalTime> want = ((List<String>) row[1]).stream().map(LocalTime::parse).toList();
      assertEquals(Optional.of(want), TimePhrase.parse((String) row[0]), (String) row[0]);
    }
    assertEquals(Optional.empty(), TimePhrase.parse("between 9 and 8pm"));
    assertEquals(Optional.empty(), TimePhrase.parse("at dinner time"));
  }

  @Test
  void everyWrittenPhraseReadsBack() {
    List<String> wrong = new ArrayList<>();
    for (int t = 0; t < 14; t++) {
      LocalDate today = MONDAY.plusDays(t);
      for (int d = 0; d < 30; d++) {
        LocalDate date = today.plusDays(d);
        for (String p : DatePhrase.phrasings(date, today)) {
          if (!DatePhrase.resolve(p, today).equals(Optional.of(date))) {
            wrong.add(p + " from " + today + " is not " + date);
          }
        }
      }
    }
    for (int n = 1; n <= 10; n++) {
      for (String p : PartyPhrase.phrasings(n)) {
        if (!PartyPhrase.parse(p).equals(OptionalInt.of(n))) {
          wrong.add(p + " is not " + n);
        }
      }
    }
    for (LocalTime t = LocalTime.of(11, 30);
        t.isBefore(LocalTime.of(22, 30));
        t = t.plusMinutes(30)) {
      for (String p : TimePhrase.exact(t)) {
        if (!TimePhrase.parse(p).equals(Optional.of(List.of(t)))) {
          wrong.add(p + " is not " + t);
        }
      }
    }
    assertEquals(List.of(), wrong);
  }
}
