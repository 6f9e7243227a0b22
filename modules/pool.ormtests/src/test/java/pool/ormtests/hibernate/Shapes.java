package pool.ormtests.hibernate;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/** Inheritance (each strategy), an embeddable and an element collection. */
final class Shapes {
    private Shapes() {
    }

    @Entity(name = "Animal")
    @Table(name = "h_animal")
    @Inheritance(strategy = InheritanceType.SINGLE_TABLE)
    public abstract static class Animal {
        @Id
        Long id;
        String name;

        Animal() {
        }

        Animal(long id) {
            this.id = id;
            this.name = "animal-" + id;
        }
    }

    @Entity(name = "Dog")
    @DiscriminatorValue("dog")
    public static class Dog extends Animal {
        Integer barks;

        Dog() {
        }

        Dog(long id, int barks) {
            super(id);
            this.barks = barks;
        }
    }

    @Entity(name = "Cat")
    @DiscriminatorValue("cat")
    public static class Cat extends Animal {
        Boolean indoor;

        Cat() {
        }

        Cat(long id, boolean indoor) {
            super(id);
            this.indoor = indoor;
        }
    }

    @Entity(name = "Vehicle")
    @Table(name = "h_vehicle")
    @Inheritance(strategy = InheritanceType.JOINED)
    public abstract static class Vehicle {
        @Id
        Long id;
        String maker;

        Vehicle() {
        }

        Vehicle(long id) {
            this.id = id;
            this.maker = "maker-" + id;
        }
    }

    @Entity(name = "Car")
    @Table(name = "h_car")
    public static class Car extends Vehicle {
        Integer doors;

        Car() {
        }

        Car(long id, int doors) {
            super(id);
            this.doors = doors;
        }
    }

    @Entity(name = "Bike")
    @Table(name = "h_bike")
    public static class Bike extends Vehicle {
        Boolean electric;

        Bike() {
        }

        Bike(long id, boolean electric) {
            super(id);
            this.electric = electric;
        }
    }

    @Entity(name = "Figure")
    @Inheritance(strategy = InheritanceType.TABLE_PER_CLASS)
    public abstract static class Figure {
        @Id
        Long id;
        String label;

        Figure() {
        }

        Figure(long id) {
            this.id = id;
            this.label = "figure-" + id;
        }
    }

    @Entity(name = "Circle")
    @Table(name = "h_circle")
    public static class Circle extends Figure {
        Double radius;

        Circle() {
        }

        Circle(long id, double radius) {
            super(id);
            this.radius = radius;
        }
    }

    @Entity(name = "Square")
    @Table(name = "h_square")
    public static class Square extends Figure {
        Double side;

        Square() {
        }

        Square(long id, double side) {
            super(id);
            this.side = side;
        }
    }

    @Embeddable
    public static class Address {
        String street;
        @Column(name = "postal_code", length = 16)
        String postalCode;
        String city;
    }

    @Entity(name = "Person")
    @Table(name = "h_person")
    public static class Person {
        @Id
        Long id;
        String name;
        @Embedded
        Address address;
        @ElementCollection(fetch = FetchType.EAGER)
        @CollectionTable(name = "h_person_nickname", joinColumns = @JoinColumn(name = "person_id"))
        @OrderColumn(name = "position")
        @Column(name = "nickname")
        List<String> nicknames = new ArrayList<>();
    }
}
