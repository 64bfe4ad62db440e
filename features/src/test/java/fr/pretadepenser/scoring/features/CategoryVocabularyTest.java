package fr.pretadepenser.scoring.features;

import static fr.pretadepenser.scoring.features.Fixtures.application;
import static fr.pretadepenser.scoring.features.Fixtures.bureau;
import static fr.pretadepenser.scoring.features.Fixtures.card;
import static fr.pretadepenser.scoring.features.Fixtures.history;
import static fr.pretadepenser.scoring.features.Fixtures.month;
import static fr.pretadepenser.scoring.features.Fixtures.pos;
import static fr.pretadepenser.scoring.features.Fixtures.previous;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CategoryVocabularyTest {

  @Test
  void learnsApplicationAndHistoryLevelsUnderTheTableKeys() {
    CategoryVocabulary v =
        CategoryVocabulary.builder()
            .addApplication(application("CODE_GENDER", "M", "NAME_TYPE_SUITE", "Family"))
            .addApplication(application("CODE_GENDER", "F"))
            .addHistory(
                history(
                    List.of(
                        bureau(List.of(month(-1, "C"), month(-2, "0")), "CREDIT_ACTIVE", "Sold")),
                    List.of(previous("NAME_CONTRACT_STATUS", "Refused")),
                    List.of(pos("NAME_CONTRACT_STATUS", "Active")),
                    List.of(),
                    List.of(card("NAME_CONTRACT_STATUS", "Demand"))))
            .build();
    assertThat(v.levels("application", "CODE_GENDER")).containsExactly("F", "M");
    assertThat(v.levels("application", "NAME_TYPE_SUITE")).containsExactly("Family");
    assertThat(v.levels("application", "application_id")).isEmpty();
    assertThat(v.levels("bureau", "CREDIT_ACTIVE")).containsExactly("Sold");
    assertThat(v.levels("bureau_balance", "STATUS")).containsExactly("0", "C");
    assertThat(v.levels("previous", "NAME_CONTRACT_STATUS")).containsExactly("Refused");
    assertThat(v.levels("pos_cash", "NAME_CONTRACT_STATUS")).containsExactly("Active");
    assertThat(v.levels("credit_card", "NAME_CONTRACT_STATUS")).containsExactly("Demand");
    assertThat(v.indexOf("application", "CODE_GENDER", "XNA")).isEqualTo(-1);
  }
}
