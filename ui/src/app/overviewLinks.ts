import { useState } from 'react';

import type { AuditRequest } from '../features/audit';
import type { DirectoryRequest } from '../features/directory';
import { isoDate, type OverviewLinks } from '../features/overview';

export interface OverviewRequests {
  directory?: DirectoryRequest;
  audit?: AuditRequest;
  review?: number;
}

type Screen = 'directory' | 'audit' | 'accounts';

/**
 * What the Overview's charts open: each click is a new request (its `seq`) that the screen
 * applies once, then the screen comes to the front. Only the screens the person has are linked.
 */
export function useOverviewLinks(show: (screen: Screen) => void, has: Record<Screen, boolean>) {
  const [requests, setRequests] = useState<OverviewRequests>({});
  const [seq, setSeq] = useState(0);
  const next = () => {
    setSeq(seq + 1);
    return seq + 1;
  };
  const links: OverviewLinks = {
    directory: has.directory
      ? (filters) => {
          setRequests({ ...requests, directory: { filters, seq: next() } });
          show('directory');
        }
      : undefined,
    // `to` is exclusive (the next local midnight); the audit log's "to" date is inclusive.
    audit: (from, to) => {
      if (!has.audit) return;
      setRequests({ ...requests, audit: { from: isoDate(from), to: isoDate(to - 1), seq: next() } });
      show('audit');
    },
    review: () => {
      if (!has.accounts) return;
      setRequests({ ...requests, review: next() });
      show('accounts');
    },
  };
  return { links, requests };
}
