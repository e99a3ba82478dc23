public struct Coordinate: Hashable, Sendable, Codable {
    public var lat: Double
    public var lon: Double
    public init(lat: Double, lon: Double) { self.lat = lat; self.lon = lon }
}

public enum SiteKind: String, CaseIterable, Sendable, Codable {
    case healthCentre = "health_centre"
    case healthStation = "health_station"
    case hospital
    case dentalClinic = "dental_clinic"
    case mobileUnit = "mobile_unit"
}

/// A unit where demand arises (PRODUCT §2).
public struct Site: Hashable, Sendable, Codable {
    public var id: String
    public var name: String
    public var municipality: String
    public var location: Coordinate
    public var kind: SiteKind
    /// Whether the site can receive remote consultations and remote appointments.
    public var remoteOK: Bool

    public init(id: String, name: String, municipality: String, location: Coordinate, kind: SiteKind, remoteOK: Bool) {
        self.id = id; self.name = name; self.municipality = municipality
        self.location = location; self.kind = kind; self.remoteOK = remoteOK
    }
}
