/**
 * The attack suite of issue 11: hostile requests written once as data ({@link
 * dev.hmacsigned.it.attack.AttackCorpus}), sent byte for byte on a socket ({@link
 * dev.hmacsigned.it.attack.Wire}) to every server of the build, each judged against the answer
 * protocol v1 documents for it ({@link dev.hmacsigned.it.attack.AttackRunner}). The contract suite
 * runs them on the embedded servers and the application servers' WARs ({@code AttackContract}); the
 * matrix module on its six server runtimes. What a container answers before the library sees a
 * request is allowed only where {@link dev.hmacsigned.it.attack.ContainerAnswers} says so, with the
 * reason.
 */
package dev.hmacsigned.it.attack;
