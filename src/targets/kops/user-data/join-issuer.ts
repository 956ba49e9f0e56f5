import { KOPS_JOIN_ISSUER_INTERVAL_SECONDS } from '../kops-defaults';
import { NODE_LIBRARY_PATH } from './node-library';
import { writeFileCommand } from './shell';

/** The systemd unit name of the join issuer on control-plane nodes (`<name>.service`, `<name>.timer`). */
export const JOIN_ISSUER_UNIT = 'orquesta-join-issuer';

/**
 * Shell commands that install the join issuer: a oneshot service running `answer_join_requests`
 * (see ./join-library.ts) and a timer that starts it every `KOPS_JOIN_ISSUER_INTERVAL_SECONDS`,
 * with 1 s accuracy so a booting worker waits at most one interval. Every control-plane member runs
 * it, so joins keep working while one member is down; a request answered by one member is skipped
 * by the others. Enable with `systemctl enable --now orquesta-join-issuer.timer`.
 *
 * Cost: each run lists two prefixes of the state bucket, about 2 x 2,880 S3 LIST requests a day
 * per member (S3 Standard: $0.005 per 1,000, https://aws.amazon.com/s3/pricing/, 2026-12), i.e.
 * about $0.90 a month per member.
 */
export function installJoinIssuer(): string {
  const script = `#!/bin/bash
set -euo pipefail
. ${NODE_LIBRARY_PATH}
load_node_env
answer_join_requests
`;
  const service = `[Unit]
Description=orquesta: answer verified join requests of worker nodes
After=kubelet.service

[Service]
Type=oneshot
ExecStart=/usr/local/sbin/${JOIN_ISSUER_UNIT}
`;
  const timer = `[Unit]
Description=orquesta: answer join requests every ${KOPS_JOIN_ISSUER_INTERVAL_SECONDS}s

[Timer]
OnActiveSec=${KOPS_JOIN_ISSUER_INTERVAL_SECONDS}s
OnUnitActiveSec=${KOPS_JOIN_ISSUER_INTERVAL_SECONDS}s
AccuracySec=1s

[Install]
WantedBy=timers.target
`;
  return (
    writeFileCommand(`/usr/local/sbin/${JOIN_ISSUER_UNIT}`, script, '0755') +
    writeFileCommand(`/etc/systemd/system/${JOIN_ISSUER_UNIT}.service`, service) +
    writeFileCommand(`/etc/systemd/system/${JOIN_ISSUER_UNIT}.timer`, timer)
  );
}
