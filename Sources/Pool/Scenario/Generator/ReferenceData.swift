/// Reference data for the generator, embedded as source so that `poolctl generate` works wherever
/// the binary runs (no resource bundle to lose when the binary is copied, and CI has no /work/shared).
///
/// Copied verbatim from the project's reference data (`data/municipalities.csv`,
/// `data/sites-reference.csv`). Sources, as stated in that data's README: municipality codes,
/// Swedish names and 2020 populations from Statistics Finland's municipal division of 2021;
/// town-centre coordinates (WGS84) from public municipality coordinate lists, cross-checked within
/// about 2 km; 2025 populations from Statistics Finland's municipal key figures 2025 (secondary
/// source); Swedish speakers' share on 31.12.2017 (Statistics Finland); language status per
/// Government Decree 1385/2022. Statistics Finland publishes its data under CC BY 4.0 (attribution:
/// "Source: Statistics Finland"); the data README states no licence of its own. Branch stations and
/// hospitals have approximate coordinates. Siikajoki's point is the service centre Ruukki.
enum ReferenceData {
    static let municipalitiesCSV = """
region,name_fi,name_sv,code,lat,lon,population_2020,population_2025,swedish_speakers_pct_2017,language_status
Pohjois-Pohjanmaa,Alavieska,Alavieska,009,64.1580,24.2998,2517,2384,0.2,fi
Pohjois-Pohjanmaa,Haapajärvi,Haapajärvi,069,63.7457,25.3354,6896,6441,0.1,fi
Pohjois-Pohjanmaa,Haapavesi,Haapavesi,071,64.1409,25.3679,6667,6298,0.0,fi
Pohjois-Pohjanmaa,Hailuoto,Karlö,072,65.0132,24.7289,949,912,0.0,fi
Pohjois-Pohjanmaa,Ii,Ijo,139,65.3225,25.3777,9848,9755,0.1,fi
Pohjois-Pohjanmaa,Kalajoki,Kalajoki,208,64.2594,23.9446,12400,12155,0.4,fi
Pohjois-Pohjanmaa,Kempele,Kempele,244,64.9121,25.5074,18796,19702,0.2,fi
Pohjois-Pohjanmaa,Kuusamo,Kuusamo,305,65.9777,29.1721,15213,14800,0.2,fi
Pohjois-Pohjanmaa,Kärsämäki,Kärsämäki,317,63.9814,25.7574,2538,2324,0.1,fi
Pohjois-Pohjanmaa,Liminka,Limingo,425,64.8018,25.4318,10238,10116,0.1,fi
Pohjois-Pohjanmaa,Lumijoki,Lumijoki,436,64.8370,25.1890,2036,2018,0.1,fi
Pohjois-Pohjanmaa,Merijärvi,Merijärvi,483,64.2946,24.4457,1078,1031,0.0,fi
Pohjois-Pohjanmaa,Muhos,Muhos,494,64.8049,26.0102,8903,8767,0.1,fi
Pohjois-Pohjanmaa,Nivala,Nivala,535,63.9294,24.9616,10500,10300,0.1,fi
Pohjois-Pohjanmaa,Oulainen,Oulainen,563,64.2597,24.8129,7155,6832,0.2,fi
Pohjois-Pohjanmaa,Oulu,Uleåborg,564,65.0103,25.4735,207327,217469,0.2,fi
Pohjois-Pohjanmaa,Pudasjärvi,Pudasjärvi,615,65.3702,26.9916,7779,7168,0.1,fi
Pohjois-Pohjanmaa,Pyhäjoki,Pyhäjoki,625,64.4720,24.2670,3051,2938,0.4,fi
Pohjois-Pohjanmaa,Pyhäjärvi,Pyhäjärvi,626,63.6897,25.9767,5033,4551,0.2,fi
Pohjois-Pohjanmaa,Pyhäntä,Pyhäntä,630,64.0953,26.3353,1593,1678,0.0,fi
Pohjois-Pohjanmaa,Raahe,Brahestad,678,64.6869,24.4784,24353,23413,0.1,fi
Pohjois-Pohjanmaa,Reisjärvi,Reisjärvi,691,63.6052,24.9397,2710,2476,0.1,fi
Pohjois-Pohjanmaa,Sievi,Sievi,746,63.9028,24.5226,4834,4585,0.2,fi
Pohjois-Pohjanmaa,Siikajoki,Siikajoki,748,64.6600,25.1000,5034,4723,0.0,fi
Pohjois-Pohjanmaa,Siikalatva,Siikalatva,791,64.2716,25.8665,5203,4861,0.1,fi
Pohjois-Pohjanmaa,Taivalkoski,Taivalkoski,832,65.5779,28.2442,3916,3555,0.0,fi
Pohjois-Pohjanmaa,Tyrnävä,Tyrnävä,859,64.7635,25.6516,6603,6470,0.3,fi
Pohjois-Pohjanmaa,Utajärvi,Utajärvi,889,64.7610,26.4130,2619,2399,0.0,fi
Pohjois-Pohjanmaa,Vaala,Vaala,785,64.5578,26.8341,2737,2544,0.1,fi
Pohjois-Pohjanmaa,Ylivieska,Ylivieska,977,64.0743,24.5375,15304,15274,0.3,fi
Keski-Pohjanmaa,Halsua,Halso,074,63.4653,24.1654,1103,975,0.8,fi
Keski-Pohjanmaa,Kannus,Kannus,217,63.9035,23.9233,5426,5246,0.5,fi
Keski-Pohjanmaa,Kaustinen,Kaustby,236,63.5477,23.6938,4228,4074,2.1,fi
Keski-Pohjanmaa,Kokkola,Karleby,272,63.8385,23.1300,47772,48338,12.6,fi+sv
Keski-Pohjanmaa,Lestijärvi,Lestijärvi,421,63.5220,24.6668,722,656,0.1,fi
Keski-Pohjanmaa,Perho,Perho,584,63.2140,24.4200,2706,2547,0.4,fi
Keski-Pohjanmaa,Toholampi,Toholampi,849,63.7736,24.2499,2966,2750,0.1,fi
Keski-Pohjanmaa,Veteli,Vetil,924,63.4733,23.7893,3065,2912,1.6,fi
Pohjanmaa,Kaskinen,Kaskö,231,62.3802,21.2386,1278,1248,29.9,fi+sv
Pohjanmaa,Korsnäs,Korsnäs,280,62.7851,21.1887,2068,1984,85.8,sv+fi
Pohjanmaa,Kristiinankaupunki,Kristinestad,287,62.2719,21.3941,6404,6113,54.6,sv+fi
Pohjanmaa,Kruunupyy,Kronoby,288,63.7310,23.0389,6416,6268,78.4,sv+fi
Pohjanmaa,Laihia,Laihela,399,62.9781,22.0134,7996,7534,1.1,fi
Pohjanmaa,Luoto,Larsmo,440,63.7100,22.7604,5534,5955,91.8,sv+fi
Pohjanmaa,Maalahti,Malax,475,62.9459,21.5604,5451,5392,85.5,sv+fi
Pohjanmaa,Mustasaari,Korsholm,499,63.1197,21.7041,19453,19792,68.9,sv+fi
Pohjanmaa,Närpiö,Närpes,545,62.4779,21.3374,9558,9538,80.4,sv+fi
Pohjanmaa,Pedersöre,Pedersöre,599,63.5953,22.8081,11174,11289,89.3,sv+fi
Pohjanmaa,Pietarsaari,Jakobstad,598,63.6764,22.7110,19066,19657,56.2,sv+fi
Pohjanmaa,Uusikaarlepyy,Nykarleby,893,63.5226,22.5313,7479,7391,86.7,sv+fi
Pohjanmaa,Vaasa,Vasa,905,63.0984,21.6262,67551,71209,22.8,fi+sv
Pohjanmaa,Vöyri,Vörå,946,63.1313,22.2527,6388,6185,81.1,sv+fi
"""

    static let sitesCSV = """
region,municipality_fi,site,kind,lat,lon,note
Pohjois-Pohjanmaa,Oulu,Haukipudas,health_station,65.183,25.350,former municipality centre
Pohjois-Pohjanmaa,Oulu,Kiiminki,health_station,65.133,25.733,former municipality centre
Pohjois-Pohjanmaa,Oulu,Oulunsalo,health_station,64.933,25.417,former municipality centre
Pohjois-Pohjanmaa,Oulu,Yli-Ii,health_station,65.371,25.834,former municipality centre
Pohjois-Pohjanmaa,Oulu,Ylikiiminki,health_station,65.033,26.117,former municipality centre
Pohjois-Pohjanmaa,Kalajoki,Himanka,health_station,64.067,23.650,former municipality centre
Pohjois-Pohjanmaa,Raahe,Vihanti,health_station,64.487,24.980,former municipality centre
Pohjois-Pohjanmaa,Siikalatva,Kestilä,health_station,64.350,26.270,former municipality centre
Pohjois-Pohjanmaa,Siikalatva,Piippola,health_station,64.178,25.966,former municipality centre
Pohjois-Pohjanmaa,Siikalatva,Rantsila,health_station,64.517,25.650,former municipality centre
Keski-Pohjanmaa,Kokkola,Kälviä,health_station,63.867,23.433,former municipality centre
Keski-Pohjanmaa,Kokkola,Lohtaja,health_station,64.017,23.500,former municipality centre
Keski-Pohjanmaa,Kokkola,Ullava,health_station,63.710,23.900,former municipality centre
Pohjanmaa,Vöyri,Oravainen,health_station,63.297,22.357,former municipality centre
Pohjois-Pohjanmaa,Oulu,OYS Oulu University Hospital,hospital,65.008,25.520,approximate
Pohjois-Pohjanmaa,Oulainen,Oulaskangas hospital,hospital,64.270,24.810,approximate
Pohjois-Pohjanmaa,Raahe,Raahe hospital,hospital,64.680,24.480,approximate
Keski-Pohjanmaa,Kokkola,Central Ostrobothnia central hospital,hospital,63.830,23.140,approximate
Pohjanmaa,Vaasa,Vaasa central hospital,hospital,63.087,21.610,approximate
Pohjanmaa,Pietarsaari,Malmska hospital,hospital,63.670,22.700,approximate
"""
}
