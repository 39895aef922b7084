// The workspace's panels outside the step stage, and the knowledge tables they explain with (SDP
// attributes, stats fields, candidate details), load after the page is interactive instead of
// before it: the step stage needs none of them. Each loader runs once; every tab awaits the same
// promise, so a panel is drawn in the frame its code arrives (mermaid loads the same way).

const once = <T>(load: () => Promise<T>) => {
	let loading: Promise<T> | undefined;
	return () => (loading ??= load());
};

export const peerPanels = once(async () => ({
	PeerPanel: (await import('./PeerPanel.svelte')).default
}));

export const sdpPanels = once(async () => {
	const [view, diff, history] = await Promise.all([
		import('./SdpView.svelte'),
		import('./SdpDiff.svelte'),
		import('./DescriptionHistory.svelte')
	]);
	return { SdpView: view.default, SdpDiff: diff.default, DescriptionHistory: history.default };
});

export const pairPanels = once(async () => ({
	CandidatePairs: (await import('./CandidatePairs.svelte')).default
}));

export const statsPanels = once(async () => {
	const [summary, live, reports, media] = await Promise.all([
		import('./StatsSummary.svelte'),
		import('./LiveStats.svelte'),
		import('./StatsReports.svelte'),
		import('./MediaControls.svelte')
	]);
	return {
		StatsSummaryView: summary.default,
		LiveStats: live.default,
		StatsReports: reports.default,
		MediaControls: media.default
	};
});

export const exportPanels = once(async () => ({
	SessionExport: (await import('./SessionExport.svelte')).default
}));
