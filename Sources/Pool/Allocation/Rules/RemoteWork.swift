/// PRODUCT §3.7 — remote work only for remote-capable clinicians, on demand that accepts remote,
/// at sites that can receive it. Enforced by not creating `remote` candidates otherwise.
/// Remote work has no travel: it counts as no travel for rest and hours.
enum RemoteWork {
    static func allowed(_ ctx: AllocationContext, _ c: Clinician, _ row: DemandRow, _ site: Site) -> Bool {
        guard row.mode.allowsRemote else { return false }
        return !ctx.isEnabled(.remoteEligibility) || (c.remote && site.remoteOK)
    }
}
