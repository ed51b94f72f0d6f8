/** Counters of one server run, exposed at /metrics in the Prometheus text format. */
export class ServerMetrics {
  pointsSent = 0;
  /** Points announced to clients as lost, by reason. */
  readonly pointsLost = new Map<string, number>();
  resumes = 0;
  connections = 0;
  commands = 0;
  /** Error messages sent to clients, by code. */
  readonly errors = new Map<string, number>();

  countError(code: string): void {
    this.errors.set(code, (this.errors.get(code) ?? 0) + 1);
  }

  countLost(reason: string, count: number): void {
    this.pointsLost.set(reason, (this.pointsLost.get(reason) ?? 0) + count);
  }
}

/** Gauges read when /metrics is requested. */
export interface MetricsSnapshot {
  clients: number;
  /** Points sent to the clients connected now, which `pointsSent` counts only once they leave. */
  pointsSentToOpenClients: number;
  bufferedBytes: number;
  maxClientBufferedBytes: number;
  retainedPoints: number;
  lastSeq: number;
  uptimeSeconds: number;
}

interface Family {
  name: string;
  type: 'counter' | 'gauge';
  help: string;
  samples: [labels: string, value: number][];
}

function labeled(map: Map<string, number>, label: string): [string, number][] {
  return [...map].map(([key, value]) => [`{${label}="${key.replace(/["\\\n]/g, '_')}"}`, value]);
}

/** Renders the metrics in the Prometheus text exposition format, version 0.0.4. */
export function renderMetrics(metrics: ServerMetrics, snapshot: MetricsSnapshot): string {
  const memory = process.memoryUsage();
  const families: Family[] = [
    {
      name: 'observatory_clients',
      type: 'gauge',
      help: 'Open WebSocket clients.',
      samples: [['', snapshot.clients]],
    },
    {
      name: 'observatory_connections_total',
      type: 'counter',
      help: 'WebSocket connections accepted.',
      samples: [['', metrics.connections]],
    },
    {
      name: 'observatory_points_sent_total',
      type: 'counter',
      help: 'Points sent to clients, counted once per client.',
      samples: [['', metrics.pointsSent + snapshot.pointsSentToOpenClients]],
    },
    {
      name: 'observatory_buffered_bytes',
      type: 'gauge',
      help: 'Bytes queued for all clients and not yet taken by the operating system.',
      samples: [['', snapshot.bufferedBytes]],
    },
    {
      name: 'observatory_client_buffered_bytes_max',
      type: 'gauge',
      help: 'Bytes queued for the client with the longest queue.',
      samples: [['', snapshot.maxClientBufferedBytes]],
    },
    {
      name: 'observatory_points_dropped_total',
      type: 'counter',
      help: 'Points clients will never receive, announced in gap messages, by reason.',
      samples: labeled(metrics.pointsLost, 'reason'),
    },
    {
      name: 'observatory_resumes_total',
      type: 'counter',
      help: 'Connections that resumed after a sequence number.',
      samples: [['', metrics.resumes]],
    },
    {
      name: 'observatory_commands_total',
      type: 'counter',
      help: 'Commands applied.',
      samples: [['', metrics.commands]],
    },
    {
      name: 'observatory_errors_total',
      type: 'counter',
      help: 'Error messages sent to clients, by code.',
      samples: labeled(metrics.errors, 'code'),
    },
    {
      name: 'observatory_retained_points',
      type: 'gauge',
      help: 'Points kept for clients that resume.',
      samples: [['', snapshot.retainedPoints]],
    },
    {
      name: 'observatory_last_seq',
      type: 'gauge',
      help: 'Sequence number of the newest point.',
      samples: [['', snapshot.lastSeq]],
    },
    {
      name: 'observatory_uptime_seconds',
      type: 'gauge',
      help: 'Seconds since the server started.',
      samples: [['', snapshot.uptimeSeconds]],
    },
    {
      name: 'process_resident_memory_bytes',
      type: 'gauge',
      help: 'Resident set size of the server process.',
      samples: [['', memory.rss]],
    },
    {
      name: 'nodejs_heap_used_bytes',
      type: 'gauge',
      help: 'V8 heap in use.',
      samples: [['', memory.heapUsed]],
    },
    {
      name: 'nodejs_external_memory_bytes',
      type: 'gauge',
      help: 'Memory of buffers and other objects outside the V8 heap.',
      samples: [['', memory.external]],
    },
  ];
  const lines: string[] = [];
  for (const family of families) {
    lines.push(`# HELP ${family.name} ${family.help}`, `# TYPE ${family.name} ${family.type}`);
    for (const [labels, value] of family.samples) lines.push(`${family.name}${labels} ${value}`);
  }
  return `${lines.join('\n')}\n`;
}
