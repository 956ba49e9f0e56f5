import { NODE_LIBRARY_PATH } from './node-library';
import { MEMBER_CALENDAR_PLACEHOLDER, controlPlaneDay2Jobs, memberCalendarCommand, type Day2Job } from './day2-jobs';
import { writeFileCommand } from './shell';

/** A periodic job: a script (the node library, this node's values, then the job's body), a oneshot service, and its timer. */
export type PeriodicJob = Day2Job;

/**
 * The control-plane nodes' periodic jobs (./day2-jobs.ts): etcd snapshots every 15 minutes,
 * monthly certificate renewal with a daily expiry check, and the drain of terminating workers.
 * Join tokens are issued on demand by the join issuer (./join-issuer.ts), not published ahead.
 */
export const CONTROL_PLANE_JOBS: readonly PeriodicJob[] = controlPlaneDay2Jobs();

/** Shell commands that install the jobs' scripts and units; enable them with `systemctl enable --now <name>.timer`. */
export function installPeriodicJobs(jobs: readonly PeriodicJob[]): string {
  return jobs.map(installJob).join('');
}

/** The `[Timer]` lines of a schedule. */
export function timerLines(job: PeriodicJob): string {
  if ('interval' in job.schedule) {
    // OnActiveSec starts the first run one interval after the timer starts (the bootstrap has just
    // done the work once); Persistent is for calendar timers only, so a missed run is simply the next one.
    const i = job.schedule.interval;
    return `OnActiveSec=${i}\nOnUnitActiveSec=${i}\nRandomizedDelaySec=${i === '1min' ? '10s' : '1min'}`;
  }
  // A calendar timer catches up on a run missed while the node was down.
  return `OnCalendar=${job.schedule.calendar}\nPersistent=true\nRandomizedDelaySec=10min`;
}

function installJob(job: PeriodicJob): string {
  const script = `#!/bin/bash
set -euo pipefail
. ${NODE_LIBRARY_PATH}
load_node_env
${job.body}`;
  const service = `[Unit]
Description=orquesta: ${job.description}
After=kubelet.service

[Service]
Type=oneshot
ExecStart=/usr/local/sbin/${job.name}
`;
  const every = 'interval' in job.schedule ? `every ${job.schedule.interval}` : `on ${job.schedule.calendar}`;
  const timer = `[Unit]
Description=orquesta: ${job.description}, ${every}

[Timer]
${timerLines(job)}

[Install]
WantedBy=timers.target
`;
  const timerPath = `/etc/systemd/system/${job.name}.timer`;
  const perMember = 'calendar' in job.schedule && job.schedule.calendar === MEMBER_CALENDAR_PLACEHOLDER;
  return (
    writeFileCommand(`/usr/local/sbin/${job.name}`, script, '0755') +
    writeFileCommand(`/etc/systemd/system/${job.name}.service`, service) +
    writeFileCommand(timerPath, timer) +
    (perMember ? memberCalendarCommand(timerPath) : '')
  );
}
