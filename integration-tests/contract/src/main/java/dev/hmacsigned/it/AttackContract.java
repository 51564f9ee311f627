package dev.hmacsigned.it;

import dev.hmacsigned.it.attack.AttackCorpus;
import dev.hmacsigned.it.attack.AttackRunner;
import dev.hmacsigned.it.attack.AttackTarget;
import dev.hmacsigned.it.attack.ContainerAnswers;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The attack suite of issue 11 ({@link AttackCorpus}) against the server under test: one dynamic
 * test per hostile request, each getting the documented status and code, never a 500, a stack trace
 * or no answer, and every verified request's body reaching the application byte for byte. What the
 * server's container answers itself is allowed only where {@link ContainerAnswers} names the attack
 * for this server.
 */
public interface AttackContract extends ContractConcern {
  @TestFactory
  default Stream<DynamicTest> attack_everyHostileRequest_getsTheDocumentedAnswer() {
    ServerUnderTest server = fixture().server();
    String key = ContainerAnswers.contractServer(server.name());
    return AttackRunner.tests(
        AttackTarget.contractApplication(
            server.name(),
            server.baseUri(),
            ContractSuite.MAX_BODY_BYTES,
            ContainerAnswers.of(key)));
  }
}
