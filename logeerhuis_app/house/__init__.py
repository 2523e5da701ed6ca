"""The house's master data: the provider, rooms and beds, closures, funders and their contracts,
reserved beds, guests and carers, their allocations, Wlz nights elsewhere, municipalities and
the texts the house writes itself.
"""
