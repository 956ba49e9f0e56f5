import { KOPS_ETCD_SNAPSHOT_INTERVAL, KOPS_JOIN_REFRESH_INTERVAL } from '../kops-defaults';
import { NODE_LIBRARY_PATH } from './node-library';
import { writeFileCommand } from './shell';

/** A periodic job: a script calling one library function, a oneshot service, and its timer. */
interface PeriodicJob {
  readonly name: string;
  readonly description: string;
  readonly libraryFunction: string;
  /** systemd time span, e.g. '1h'. */
  readonly interval: string;
}

/**
 * The control-plane nodes' periodic jobs: fresh join credentials (so nodes can join at any time,
 * not just within kubeadm's 2-hour window after `init`) and etcd snapshots. Every control-plane
 * node runs both; publishing from several nodes is harmless (each token stays valid until it
 * expires, and all use the one certificate key in the bucket), and every member backs up itself.
 */
export const CONTROL_PLANE_JOBS: readonly PeriodicJob[] = [
  {
    name: 'orquesta-publish-join',
    description: 'publish fresh kubeadm join credentials to the state bucket',
    libraryFunction: 'publish_join_credentials',
    interval: KOPS_JOIN_REFRESH_INTERVAL,
  },
  {
    name: 'orquesta-etcd-snapshot',
    description: 'snapshot this etcd member to the snapshot volume and the state bucket',
    libraryFunction: 'etcd_snapshot',
    interval: KOPS_ETCD_SNAPSHOT_INTERVAL,
  },
];

/** Shell commands that install the jobs' scripts and units; enable them with `systemctl enable --now <name>.timer`. */
export function installPeriodicJobs(jobs: readonly PeriodicJob[]): string {
  return jobs.map(installJob).join('');
}

function installJob(job: PeriodicJob): string {
  const script = `#!/bin/bash
set -euo pipefail
. ${NODE_LIBRARY_PATH}
load_node_env
${job.libraryFunction}
`;
  const service = `[Unit]
Description=orquesta: ${job.description}
After=kubelet.service

[Service]
Type=oneshot
ExecStart=/usr/local/sbin/${job.name}
`;
  // OnActiveSec starts the first run one interval after the timer starts (the bootstrap has just
  // done the work once); Persistent is for calendar timers only, so a missed run is simply the next one.
  const timer = `[Unit]
Description=orquesta: ${job.description}, every ${job.interval}

[Timer]
OnActiveSec=${job.interval}
OnUnitActiveSec=${job.interval}
RandomizedDelaySec=5min

[Install]
WantedBy=timers.target
`;
  return (
    writeFileCommand(`/usr/local/sbin/${job.name}`, script, '0755') +
    writeFileCommand(`/etc/systemd/system/${job.name}.service`, service) +
    writeFileCommand(`/etc/systemd/system/${job.name}.timer`, timer)
  );
}
