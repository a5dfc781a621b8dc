import { createContext, useContext } from 'react';

/**
 * Whether the window is locked after the idle time. The signed-in screens stay mounted under
 * the lock (to resume where the person was); what must not outlive the session, such as a key
 * shown once, reads this and drops itself.
 */
export const LockedContext = createContext(false);

export const useLocked = () => useContext(LockedContext);
