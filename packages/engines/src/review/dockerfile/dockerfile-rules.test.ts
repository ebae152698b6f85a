import { describe, expect, it } from "vitest";
import { dockerfileRules, scanDockerfile } from "./index";

/** A clean multi-stage Dockerfile; `lines` are inserted in the final stage before USER. */
function df(lines: string[] = [], builder: string[] = []): string {
  return [
    "FROM golang:1.22@sha256:0123abcd AS build",
    "WORKDIR /src",
    "COPY . .",
    ...builder,
    "RUN go build -o /out/app ./cmd/app",
    "",
    "FROM gcr.io/distroless/static:nonroot@sha256:4567ef01",
    "COPY --from=build /out/app /app",
    ...lines,
    "USER 65532:65532",
    'HEALTHCHECK CMD ["/app", "health"]',
    'ENTRYPOINT ["/app"]',
    "",
  ].join("\n");
}

const CASES: Record<string, { fail: string; pass: string }> = {
  "DOCKER-USER-001": { fail: `${df()}USER root\n`, pass: `${df()}USER app\n` },
  "DOCKER-USER-002": {
    fail: "FROM alpine:3.20@sha256:aa\nHEALTHCHECK CMD true\n",
    pass: "FROM alpine:3.20@sha256:aa AS b\nFROM alpine:3.20@sha256:aa\nUSER 10001\nHEALTHCHECK CMD true\n",
  },
  "DOCKER-USER-003": { fail: df(["RUN sudo chown app /data"]), pass: df(["RUN chown app /data"]) },
  "DOCKER-IMG-001": {
    fail: df().replace("golang:1.22@sha256:0123abcd", "golang:latest"),
    pass: df().replace("golang:1.22@sha256:0123abcd", "registry.local:5000/golang:1.22"),
  },
  "DOCKER-IMG-002": {
    fail: df().replace("golang:1.22@sha256:0123abcd", "golang:1.22"),
    pass: df(),
  },
  "DOCKER-IMG-003": {
    fail: `FROM alpine:3.20@sha256:aa AS base\nFROM alpine:3.20@sha256:aa AS base\n${df()}`,
    pass: `FROM alpine:3.20@sha256:aa AS base\n${df()}`,
  },
  "DOCKER-IMG-004": {
    fail: df(["COPY --from=biuld /x /y"]),
    pass: df(["COPY --from=0 /x /y", "COPY --from=nginx:1.27 /etc/nginx /etc/nginx"]),
  },
  "DOCKER-PKG-001": {
    fail: df(
      [],
      ["RUN apt-get update && apt-get install -y curl=8.5.0 && rm -rf /var/lib/apt/lists/*"],
    ),
    pass: df(
      [],
      [
        "RUN apt-get update && apt-get install -y --no-install-recommends curl=8.5.0 && rm -rf /var/lib/apt/lists/*",
      ],
    ),
  },
  "DOCKER-PKG-002": {
    fail: df([], ["RUN apt-get update && apt-get install -y --no-install-recommends curl=8.5.0"]),
    pass: df(
      [],
      [
        "RUN apt-get update && apt-get install -y --no-install-recommends curl=8.5.0 && rm -rf /var/lib/apt/lists/*",
      ],
    ),
  },
  "DOCKER-PKG-003": { fail: df([], ["RUN apt-get update && apt-get -y upgrade"]), pass: df() },
  "DOCKER-PKG-004": {
    fail: df([], ["RUN apt-get install --no-install-recommends curl=8.5.0"]),
    pass: df([], ["RUN apt-get install -qy --no-install-recommends curl=8.5.0"]),
  },
  "DOCKER-PKG-005": {
    fail: df([], ["RUN apt-get update", "RUN apt-get install -y --no-install-recommends curl=1"]),
    pass: df([], ["RUN apk update && apk add --no-cache curl"]),
  },
  "DOCKER-PKG-006": {
    fail: df([], ["RUN yum install -y httpd-2.4"]),
    pass: df([], ["RUN yum install -y httpd-2.4 && yum clean all"]),
  },
  "DOCKER-PKG-007": {
    fail: df([], ["RUN dnf install -y httpd"]),
    pass: df([], ["RUN dnf install -y httpd && dnf clean all"]),
  },
  "DOCKER-PKG-008": {
    fail: df([], ["RUN zypper install -y curl"]),
    pass: df([], ["RUN zypper install -y curl && zypper clean -a"]),
  },
  "DOCKER-PKG-009": {
    fail: df([], ["RUN apk add curl"]),
    pass: df([], ["RUN apk add --no-cache curl"]),
  },
  "DOCKER-PKG-010": {
    fail: df([], ["RUN pip install -r requirements.txt"]),
    pass: df([], ["RUN python3 -m pip install --no-cache-dir -r requirements.txt"]),
  },
  "DOCKER-PKG-011": {
    fail: df([], ["RUN apt install -y curl"]),
    pass: df([], ["RUN apt-get install -y --no-install-recommends curl=1"]),
  },
  "DOCKER-PKG-012": {
    fail: df([], ["RUN apt-get install -y --no-install-recommends curl"]),
    pass: df(
      [],
      [
        'RUN apt-get install -y --no-install-recommends -t bookworm-backports curl="${CURL_VERSION}" ./vendor/tool.deb',
      ],
    ),
  },
  "DOCKER-RUN-001": {
    fail: df([], ["RUN curl -fsSL https://get.example.com/install.sh | bash -s -- --yes"]),
    pass: df([], ["RUN curl -fsSL https://get.example.com/x.json | jq .version"]),
  },
  "DOCKER-RUN-002": {
    fail: df([], ["RUN wget -q https://example.com/tool.tgz && tar xzf tool.tgz"]),
    pass: df(
      [],
      [
        'RUN wget -q https://example.com/tool.tgz && echo "0f1e  tool.tgz" | sha256sum -c - && tar xzf tool.tgz',
      ],
    ),
  },
  "DOCKER-RUN-003": {
    fail: df([], ["RUN curl -sSLk -o x https://x && sha256sum x"]),
    pass: df([], ["RUN curl -sSL -o x https://x && sha256sum x"]),
  },
  "DOCKER-RUN-006": {
    fail: df([], ['RUN echo "root:changeme" | chpasswd']),
    pass: df([], ["RUN passwd -l root"]),
  },
  "DOCKER-PKG-013": {
    fail: df([], ["RUN apk add --no-cache --allow-untrusted ./local.apk"]),
    pass: df([], ["RUN apk add --no-cache curl"]),
  },
  "DOCKER-SEC-003": {
    fail: df(["ENV NODE_TLS_REJECT_UNAUTHORIZED=0"]),
    pass: df(["ENV NODE_TLS_REJECT_UNAUTHORIZED=1 GIT_SSL_NO_VERIFY=false"]),
  },
  "DOCKER-RUN-004": {
    fail: df([], ["RUN chmod -R 777 /app"]),
    pass: df([], ["RUN chmod 755 /app"]),
  },
  "DOCKER-RUN-005": { fail: df([], ["RUN cd /src && make"]), pass: df([], ["RUN make -C /src"]) },
  "DOCKER-SEC-001": {
    fail: df(["ENV DB_PASSWORD=hunter2"]),
    pass: df(["ENV DB_PASSWORD_FILE=/run/secrets/db", "ARG VERSION=1"]),
  },
  "DOCKER-SEC-002": {
    fail: df(["COPY id_rsa /root/.ssh/id_rsa"]),
    pass: df(["COPY config.yaml /etc/app/"]),
  },
  "DOCKER-ADD-001": {
    fail: df(["ADD https://example.com/a.tgz /opt/"]),
    pass: df(["ADD --checksum=sha256:24454f830cdd https://example.com/a.tgz /opt/"]),
  },
  "DOCKER-ADD-002": { fail: df(["ADD config.yaml /etc/app/"]), pass: df(["ADD rootfs.tar.gz /"]) },
  "DOCKER-GEN-001": {
    fail: "FROM alpine:3.20@sha256:aa\nUSER 10001\n",
    pass: "FROM alpine:3.20@sha256:aa\nUSER 10001\nHEALTHCHECK NONE\n",
  },
  "DOCKER-GEN-002": { fail: df(["EXPOSE 22/tcp"]), pass: df(["EXPOSE 8022 443"]) },
  "DOCKER-GEN-003": { fail: df(["WORKDIR app"]), pass: df(["WORKDIR $HOME/app"]) },
  "DOCKER-GEN-004": { fail: df(['CMD ["a"]', 'CMD ["b"]']), pass: df(['CMD ["b"]']) },
  "DOCKER-GEN-005": { fail: df(['ENTRYPOINT ["/bin/sh"]']), pass: df() },
  "DOCKER-GEN-006": { fail: df(["HEALTHCHECK CMD true"]), pass: df() },
  "DOCKER-GEN-007": {
    fail: df(["MAINTAINER me@example.com"]),
    pass: df(['LABEL org.opencontainers.image.authors="me"']),
  },
  "DOCKER-GEN-008": { fail: df(["EXPOSE 80000"]), pass: df(["EXPOSE 8000-8010/udp ${PORT}"]) },
};

const ids = (content: string): string[] =>
  scanDockerfile("Dockerfile", content).findings.map((f) => f.ruleId);

describe("dockerfile rules", () => {
  it("has at least 25 rules with unique ids and complete metadata", () => {
    expect(dockerfileRules.length).toBeGreaterThanOrEqual(25);
    const all = dockerfileRules.map((r) => r.meta.id);
    expect(new Set(all).size).toBe(all.length);
    for (const r of dockerfileRules) {
      expect(r.meta.title && r.meta.description && r.meta.remediation).toBeTruthy();
      expect(r.meta.references.length).toBeGreaterThan(0);
      expect(r.meta.equivalents.checkov.every((id) => /^CKV2?_DOCKER_\d+$/.test(id))).toBe(true);
      expect(r.meta.equivalents.trivy.every((id) => /^AVD-DS-\d{4}$/.test(id))).toBe(true);
    }
  });

  it("has a failing and a passing fixture for every rule", () => {
    expect(Object.keys(CASES).sort()).toEqual(dockerfileRules.map((r) => r.meta.id).sort());
  });

  it("the clean Dockerfile passes every rule", () => {
    expect(ids(df())).toEqual([]);
  });

  it.each(Object.entries(CASES))("%s fails and passes its fixtures", (id, c) => {
    expect(ids(c.fail)).toContain(id);
    expect(ids(c.pass)).not.toContain(id);
  });
});
