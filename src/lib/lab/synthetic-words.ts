// What the synthetic video draws into its picture, in the learner's language: the pages hand
// these words to the media actors (actors.ts `addMediaWith`), which ask them again for every
// frame, so a language switch shows in the next frame.

import { m } from '$lib/i18n';
import type { SyntheticWords } from './actors';

export const syntheticWords: SyntheticWords = {
	// The loopback lab's "Peer A" / "Peer B"; the remote lab's role, as the peer panels name it.
	sender: (peer, role) =>
		role === 'caller'
			? m.peerPanel_caller()
			: role === 'callee'
				? m.peerPanel_callee()
				: m.lab_peer({ peer }),
	frame: (frame) => m.lw14_synthetic_frame({ frame: String(frame) })
};
