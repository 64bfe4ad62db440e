package fr.pretadepenser.scoring.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.pretadepenser.scoring.events.BureauCredit;
import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.ClientHistoryEvent;
import fr.pretadepenser.scoring.events.CreditCardMonth;
import fr.pretadepenser.scoring.events.InstalmentPayment;
import fr.pretadepenser.scoring.events.PosCashMonth;
import fr.pretadepenser.scoring.events.PreviousApplication;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class ClientHistoriesTest {

  private static final Instant AT = Instant.parse("2026-01-02T03:04:05.678Z");

  @Test
  void eventsFollowTheListsInOrderAndFoldBackToAnEqualHistory() {
    ClientHistory history = SampleRecords.full(ClientHistory.class);

    List<ClientHistoryEvent> events = ClientHistories.events(history, AT);

    assertThat(events).hasSize(10).hasSize(ClientHistories.count(history));
    assertThat(events)
        .allSatisfy(e -> assertThat(e.getSKIDCURR()).isEqualTo(history.getSKIDCURR()));
    assertThat(events).allSatisfy(e -> assertThat(e.getRecordedAt()).isEqualTo(AT));
    assertThat(events.stream().map(e -> e.getEvent().getClass().getSimpleName()).toList())
        .containsExactly(
            "BureauCredit",
            "BureauCredit",
            "PreviousApplication",
            "PreviousApplication",
            "PosCashMonth",
            "PosCashMonth",
            "InstalmentPayment",
            "InstalmentPayment",
            "CreditCardMonth",
            "CreditCardMonth");
    assertThat(events.get(0).getEvent()).isSameAs(history.getBureau().get(0));
    assertThat(events.get(9).getEvent()).isSameAs(history.getCreditCard().get(1));

    assertThat(ClientHistories.fold(history.getSKIDCURR(), events)).isEqualTo(history);
  }

  @Test
  void theRoundTripHoldsThroughTheTopicSerde() {
    ClientHistory history = SampleRecords.full(ClientHistory.class);
    Serde<ClientHistoryEvent> serde = Topics.standard().clientHistory().valueSerde();

    List<ClientHistoryEvent> decoded = new ArrayList<>();
    for (ClientHistoryEvent e : ClientHistories.events(history, AT)) {
      decoded.add(serde.deserializer().deserialize("t", serde.serializer().serialize("t", e)));
    }

    assertThat(ClientHistories.fold(history.getSKIDCURR(), decoded)).isEqualTo(history);
  }

  @Test
  void onlyTheOrderWithinEachKindMatters() {
    ClientHistory history = SampleRecords.full(ClientHistory.class);
    List<ClientHistoryEvent> events = ClientHistories.events(history, AT);

    // Interleave kinds differently, keeping each kind's own order: a stable sort by a random key
    // per kind.
    List<ClientHistoryEvent> shuffledKinds = new ArrayList<>(events);
    List<Class<?>> kinds =
        new ArrayList<>(
            List.of(
                BureauCredit.class,
                PreviousApplication.class,
                PosCashMonth.class,
                InstalmentPayment.class,
                CreditCardMonth.class));
    Collections.shuffle(kinds, new Random(7));
    shuffledKinds.sort(
        java.util.Comparator.comparingInt(e -> kinds.indexOf(e.getEvent().getClass())));
    assertThat(ClientHistories.fold(history.getSKIDCURR(), shuffledKinds)).isEqualTo(history);

    List<ClientHistoryEvent> reversed = new ArrayList<>(events);
    Collections.reverse(reversed);
    assertThat(ClientHistories.fold(history.getSKIDCURR(), reversed)).isNotEqualTo(history);
  }

  @Test
  void anEmptyHistoryHasNoEventsAndNullListsCountAsEmpty() {
    ClientHistory empty = ClientHistories.empty(42);
    assertThat(ClientHistories.events(empty, AT)).isEmpty();
    assertThat(ClientHistories.fold(42, List.of())).isEqualTo(empty);

    ClientHistory withNulls = new ClientHistory(42L, null, null, null, null, null);
    assertThat(ClientHistories.events(withNulls, AT)).isEmpty();
    ClientHistoryEvent card = new ClientHistoryEvent(42L, AT, new CreditCardMonth(), "");
    assertThat(ClientHistories.append(withNulls, card).getCreditCard()).hasSize(1);
  }

  @Test
  void appendRefusesAnotherClientsEventAndAnEventWithoutFact() {
    ClientHistory history = ClientHistories.empty(1);
    ClientHistoryEvent other = new ClientHistoryEvent(2L, AT, new PosCashMonth(), "");
    assertThatThrownBy(() -> ClientHistories.append(history, other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("client 2")
        .hasMessageContaining("client 1");

    ClientHistoryEvent nothing = new ClientHistoryEvent();
    nothing.setSKIDCURR(1L);
    assertThatThrownBy(() -> ClientHistories.append(history, nothing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not nothing");
  }

  @Test
  void eventIdsAreTheTableAndRowIdentityTheSameOnEveryCallAndDistinct() {
    ClientHistory history = ClientHistories.empty(7L);
    history.getBureau().add(SampleRecords.full(BureauCredit.class));
    history.getBureau().get(0).setSKIDBUREAU(5714462L);
    PreviousApplication previous = SampleRecords.full(PreviousApplication.class);
    previous.setSKIDPREV(1038818L);
    history.getPreviousApplications().add(previous);
    for (long loan : new long[] {11L, 12L, 11L}) {
      InstalmentPayment p = SampleRecords.full(InstalmentPayment.class);
      p.setSKIDPREV(loan);
      history.getInstalments().add(p);
    }
    PosCashMonth month = SampleRecords.full(PosCashMonth.class);
    month.setSKIDPREV(11L);
    history.getPosCash().add(month);
    CreditCardMonth card = SampleRecords.full(CreditCardMonth.class);
    card.setSKIDPREV(13L);
    history.getCreditCard().add(card);
    // Two identical instalment rows: Kaggle has them, batch training counts both.
    history
        .getInstalments()
        .add(InstalmentPayment.newBuilder(history.getInstalments().get(0)).build());

    List<String> ids =
        ClientHistories.events(history, AT).stream().map(ClientHistoryEvent::getEventId).toList();

    assertThat(ids)
        .containsExactly(
            "bureau:5714462",
            "previous_application:1038818",
            "pos_cash_balance:11:0",
            "installments_payments:11:0",
            "installments_payments:12:0",
            "installments_payments:11:1",
            "installments_payments:11:2",
            "credit_card_balance:13:0")
        .doesNotHaveDuplicates()
        .isEqualTo(ClientHistories.eventIds(history));
    assertThat(ClientHistories.events(history, AT.plusSeconds(60)))
        .extracting(ClientHistoryEvent::getEventId)
        .as("a later replay of the same rows")
        .isEqualTo(ids);
  }

  @Test
  void aNaturalKeySeenTwiceInOneClientGetsARankSoNoRowIsLost() {
    ClientHistory history = ClientHistories.empty(7L);
    for (int i = 0; i < 3; i++) {
      BureauCredit c = SampleRecords.full(BureauCredit.class);
      c.setSKIDBUREAU(42L);
      history.getBureau().add(c);
    }

    assertThat(ClientHistories.eventIds(history))
        .containsExactly("bureau:42", "bureau:42#2", "bureau:42#3");
  }
}
