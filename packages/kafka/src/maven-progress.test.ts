import { describe, expect, it } from 'vitest';
import { MavenProgress } from './maven-progress';

/** Lines as Maven 3.8 prints them in batch mode (taken from a real fetch and a real offline failure). */
const SUCCESS = `\x1b[0m\x1b[0m[INFO] Scanning for projects...
[INFO] Downloading from central: https://repo.maven.apache.org/maven2/org/apache/maven/plugins/maven-clean-plugin/2.5/maven-clean-plugin-2.5.pom
[INFO] Downloaded from central: https://repo.maven.apache.org/maven2/org/apache/maven/plugins/maven-clean-plugin/2.5/maven-clean-plugin-2.5.pom (3.9 kB at 13 kB/s)
[INFO] Downloading from central: https://repo.maven.apache.org/maven2/org/apache/kafka/kafka-clients/4.1.1/kafka-clients-4.1.1.jar
[INFO] Downloaded from central: https://repo.maven.apache.org/maven2/org/apache/kafka/kafka-clients/4.1.1/kafka-clients-4.1.1.jar (10 MB at 21 MB/s)
[INFO] Downloaded from central: https://repo.maven.apache.org/maven2/commons-lang/commons-lang/2.6/commons-lang-2.6.jar (284 kB at 3.4 MB/s)
[INFO] Downloaded from central: https://repo.maven.apache.org/maven2/org/example/tiny/1/tiny-1.pom (812 B at 20 kB/s)
[INFO] --- maven-dependency-plugin:2.8:copy-dependencies (default-cli) @ duto-local-kafka ---
[INFO] Copying kafka-clients-4.1.1.jar to /repo/.cache/kafka/libs/kafka-clients-4.1.1.jar
[INFO] Copying log4j-core-2.25.3.jar to /repo/.cache/kafka/libs/log4j-core-2.25.3.jar
[INFO] BUILD SUCCESS`;

const OFFLINE_FAILURE = `[WARNING] Failed to retrieve plugin descriptor for org.apache.maven.plugins:maven-clean-plugin:2.5: Plugin org.apache.maven.plugins:maven-clean-plugin:2.5 or one of its dependencies could not be resolved: Cannot access central (https://repo.maven.apache.org/maven2) in offline mode and the artifact org.apache.maven.plugins:maven-clean-plugin:jar:2.5 has not been downloaded from it before.
[INFO] BUILD FAILURE
[ERROR] No plugin found for prefix 'dependency' in the current project and in the plugin groups [org.apache.maven.plugins, org.codehaus.mojo] available from the repositories [local (/tmp/m2-empty), central (https://repo.maven.apache.org/maven2)] -> [Help 1]
[ERROR] 
[ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.
[ERROR] Re-run Maven using the -X switch to enable full debug logging.
[ERROR] For more information about the errors and possible solutions, please read the following articles:
[ERROR] [Help 1] http://cwiki.apache.org/confluence/display/MAVEN/NoPluginFoundForPrefixException`;

const read = (output: string) => {
  const progress = new MavenProgress();
  for (const line of output.split('\n')) progress.read(line);
  return progress;
};

describe('MavenProgress', () => {
  it('counts downloaded files and their size, then the jars copied, in one line', () => {
    const progress = read(SUCCESS);
    expect(progress.downloads).toBe(4);
    expect(progress.bytes).toBe(3900 + 10e6 + 284e3 + 812);
    expect(progress.copiedJars).toBe(2);
    expect(progress.summary()).toBe('downloaded 4 files (10.3 MB) · copied 2 jars');
    expect(progress.firstError()).toBeUndefined();
    expect(progress.networkProblem).toBe(false);
  });

  it('keeps Maven\'s own reason of a failure, not its boilerplate, and tells a network problem', () => {
    const progress = read(OFFLINE_FAILURE);
    expect(progress.firstError()).toBe(
      "No plugin found for prefix 'dependency' in the current project and in the plugin groups [org.apache.maven.plugins, org.codehaus.mojo] available from the repositories [local (/tmp/m2-empty), central (https://repo.maven.apache.org/maven2)]",
    );
    expect(progress.networkProblem).toBe(true);
    expect(progress.summary()).toBe('downloaded 0 files (0 B)');
  });

  it('tells an unknown host from other failures', () => {
    const progress = read(
      '[ERROR] Failed to execute goal on project duto-local-kafka: Could not resolve dependencies: Could not transfer artifact org.apache.kafka:kafka_2.13:pom:4.1.1 from/to central (https://repo.maven.apache.org/maven2): repo.maven.apache.org: Name or service not known',
    );
    expect(progress.networkProblem).toBe(true);
    expect(progress.firstError()).toMatch(/^Failed to execute goal on project duto-local-kafka/);
    expect(read('[ERROR] Non-parseable POM /repo/kafka/pom.xml: end tag name </dependency> must match').networkProblem).toBe(false);
  });
});
