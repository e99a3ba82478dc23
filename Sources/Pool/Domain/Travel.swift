import Foundation

/// Home-to-site travel (PRODUCT §2): from the scenario's distance matrix when it has the pair,
/// otherwise great-circle distance × detour factor at the average speed. The estimate's
/// parameters are printed with every plan (`assumptionText`) so nobody mistakes it for road data.
public struct TravelEstimator: Sendable {
    public let settings: TravelSettings
    public let matrix: [String: TravelLeg]

    public init(settings: TravelSettings, matrix: [String: TravelLeg] = [:]) {
        self.settings = settings
        self.matrix = matrix
    }

    public init(scenario: Scenario) {
        self.init(settings: scenario.travel, matrix: scenario.distances)
    }

    public static func matrixKey(from: String, to: String) -> String { from + "→" + to }

    /// Mean Earth radius (IUGG), km.
    static let earthRadiusKm = 6371.0088

    public static func greatCircleKm(_ a: Coordinate, _ b: Coordinate) -> Double {
        let rad = Double.pi / 180
        let dLat = (b.lat - a.lat) * rad, dLon = (b.lon - a.lon) * rad
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.lat * rad) * cos(b.lat * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * earthRadiusKm * asin(min(1, sqrt(h)))
    }

    /// One-way trip from a clinician's home to a site. A matrix row is looked up in either direction.
    public func leg(from clinician: Clinician, to site: Site) -> TravelLeg {
        if let leg = matrix[Self.matrixKey(from: clinician.id, to: site.id)]
            ?? matrix[Self.matrixKey(from: site.id, to: clinician.id)] {
            return leg
        }
        return estimate(from: clinician.home, to: site.location)
    }

    /// Whether the leg came from supplied road data.
    public func isFromMatrix(clinician: Clinician, site: Site) -> Bool {
        matrix[Self.matrixKey(from: clinician.id, to: site.id)] != nil
            || matrix[Self.matrixKey(from: site.id, to: clinician.id)] != nil
    }

    public func estimate(from a: Coordinate, to b: Coordinate) -> TravelLeg {
        let km = Self.greatCircleKm(a, b) * settings.detourFactor
        return TravelLeg(km: km, minutes: km / settings.averageSpeedKmh * 60)
    }

    public var assumptionText: String {
        let f = { (x: Double) in String(format: "%.2f", x) }
        return "travel: \(matrix.isEmpty ? "no distance matrix;" : "\(matrix.count) matrix legs, otherwise") "
            + "great-circle km × detour factor \(f(settings.detourFactor)) at \(f(settings.averageSpeedKmh)) km/h (an estimate, not road data)"
    }
}
